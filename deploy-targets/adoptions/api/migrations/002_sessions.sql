-- Sign-in sessions, so that signing out (and a password change or reset) ends a token before it expires.
CREATE TABLE sessions (
  id         uuid PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at   timestamptz
);
CREATE INDEX sessions_account_open ON sessions (account_id) WHERE ended_at IS NULL;
