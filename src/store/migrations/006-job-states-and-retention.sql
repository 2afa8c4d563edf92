-- job states enforced, one open job per recurring kind, indexes for retention
-- The closed set of job states (src/store/job-states.ts names the same five).
ALTER TABLE jobs ADD CONSTRAINT jobs_state_known CHECK (state IN ('waiting', 'queued', 'running', 'done', 'failed'));
-- A finished job has a finish time (the purge keys on it).
UPDATE jobs SET finished_at = now() WHERE state IN ('done', 'failed') AND finished_at IS NULL;
-- A recurring job (the purge) is one row that goes back in line after each run; replicas starting
-- together may each try to schedule it, and only one row may stay open.
CREATE UNIQUE INDEX jobs_one_open_recurring ON jobs (kind) WHERE kind = 'purge' AND state IN ('waiting', 'queued', 'running');
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state IN ('done', 'failed');
CREATE INDEX deliveries_received ON deliveries (received_at);
CREATE INDEX log_lines_at ON log_lines (at);
