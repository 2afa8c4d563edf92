-- comment command keys and web sessions
-- One row per comment that ever carried a command, keyed by what GitHub cannot re-issue: the
-- repository id and the comment id. A replay under new delivery ids finds its row and does nothing.
-- No retention may ever purge this table: a purged key would let an old signed comment act again.
-- (It grows by one small row per command comment, which is affordable for the life of a server.)
CREATE TABLE comment_commands (
  repository_id bigint NOT NULL,
  comment_id bigint NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('queued', 'too_old')),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repository_id, comment_id)
);
-- Browser sessions: only a hash of the random id is stored, so a leaked database row cannot be
-- replayed as a cookie. `subject` says who signed in ('admin-token' today; GitHub sign-in later).
CREATE TABLE web_sessions (
  id_hash text PRIMARY KEY,
  subject text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
