-- Dashboard and simulator accounts. Passwords are stored only as argon2id hashes.
CREATE TABLE users (
  username      text PRIMARY KEY CHECK (length(username) BETWEEN 1 AND 100),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
