-- Users, channels, one queue per (channel, consumer), and the queued copies of messages.

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'publisher', 'consumer')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE channels (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE queues (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id  bigint NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  consumer_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel_id, consumer_id)
);

-- One row per queue per published message: the fan-out copy. A row is leased by a pull
-- (visible_at moves into the future, receipt changes) and deleted by an ack.
CREATE TABLE queue_messages (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  queue_id     bigint NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
  message_id   uuid NOT NULL,
  payload      jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  visible_at   timestamptz NOT NULL DEFAULT now(),
  receipt      uuid
);

CREATE INDEX queue_messages_queue_order ON queue_messages (queue_id, id);
CREATE UNIQUE INDEX queue_messages_receipt ON queue_messages (receipt) WHERE receipt IS NOT NULL;
