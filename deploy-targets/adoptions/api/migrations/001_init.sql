-- Accounts, roles and permissions.
CREATE TABLE roles (
  name        text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_-]{1,39}$'),
  description text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_permissions (
  role       text NOT NULL REFERENCES roles(name) ON UPDATE CASCADE ON DELETE CASCADE,
  permission text NOT NULL,
  PRIMARY KEY (role, permission)
);

CREATE TABLE accounts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email         text NOT NULL,
  name          text NOT NULL,
  password_hash text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  role          text REFERENCES roles(name) ON UPDATE CASCADE,
  decided_at    timestamptz,
  decided_by    bigint REFERENCES accounts(id),
  decision_note text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'accepted' OR role IS NOT NULL)
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));

-- Animals and their photos (objects in the storage bucket).
CREATE TABLE animals (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL,
  species     text NOT NULL,
  breed       text,
  sex         text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'unknown')),
  birth_date  date,
  description text NOT NULL DEFAULT '',
  status      text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'reserved', 'adopted')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE animal_photos (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  animal_id    bigint NOT NULL REFERENCES animals(id) ON DELETE CASCADE,
  storage_key  text NOT NULL UNIQUE,
  content_type text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- People who adopt.
CREATE TABLE adopters (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL,
  email      text NOT NULL,
  phone      text,
  address    text,
  notes      text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Adoption requests move through a state machine (src/adoptions/transitions.ts); every move is recorded.
CREATE TABLE adoption_requests (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  animal_id  bigint NOT NULL REFERENCES animals(id) ON DELETE RESTRICT,
  adopter_id bigint NOT NULL REFERENCES adopters(id) ON DELETE RESTRICT,
  state      text NOT NULL DEFAULT 'submitted'
             CHECK (state IN ('submitted', 'under_review', 'approved', 'rejected', 'withdrawn', 'completed')),
  notes      text NOT NULL DEFAULT '',
  created_by bigint REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One animal cannot have two live approvals.
CREATE UNIQUE INDEX adoption_requests_one_approval ON adoption_requests (animal_id)
  WHERE state IN ('approved', 'completed');

CREATE TABLE adoption_request_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id bigint NOT NULL REFERENCES adoption_requests(id) ON DELETE CASCADE,
  from_state text,
  to_state   text NOT NULL,
  note       text NOT NULL DEFAULT '',
  actor_id   bigint REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX adoption_request_events_request ON adoption_request_events (request_id, id);
