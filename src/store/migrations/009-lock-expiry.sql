-- locks that end, and deployments forced through a lock: lock expiry time and installation, origin forced_through
ALTER TABLE environment_locks ADD COLUMN expires_at timestamptz;
ALTER TABLE environment_locks ADD COLUMN installation_id bigint;
CREATE INDEX environment_locks_expiry ON environment_locks (expires_at) WHERE expires_at IS NOT NULL;
-- The lock expiry is a recurring job like the purge: one open row at a time.
CREATE UNIQUE INDEX jobs_one_open_lock_expiry ON jobs (kind) WHERE kind = 'lock_expiry' AND state IN ('waiting', 'queued', 'running');
-- `/deploy --force` by an admin: what the deployment was forced through ("the lock by @ops: demo"); the queue lets it pass the lock
ALTER TABLE deployment_origins ADD COLUMN forced_through text;
