-- webhook redeliveries: each failed delivery Runway asked GitHub to send again, once per guid
CREATE TABLE webhook_redeliveries (
  guid text PRIMARY KEY,
  attempt_id bigint NOT NULL,
  event text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('requested', 'refused')),
  requested_at timestamptz NOT NULL DEFAULT now()
);
