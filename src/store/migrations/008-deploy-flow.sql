-- deploy flow: waits for CI or a hold, holds after a rollback, faulty and superseded deployments, cancel requests
-- A deployment that may not join its environment's line yet: its CI checks are not green, or the
-- environment is held after a rollback. Its run job is enqueued when the wait ends.
CREATE TABLE deployment_waits (
  deployment_id integer PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (reason IN ('checks', 'hold')),
  -- When waiting for checks ends `error` (checks_timeout_minutes after the wait began).
  deadline timestamptz,
  -- The last "waiting for CI: …" description posted, so an unchanged one is not posted again.
  summary text,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- At most one check job waits in line per deployment: a check webhook pulls it forward, the poll
-- never adds a second one (which, dated later and older in the line, would hold the prompt back).
CREATE UNIQUE INDEX jobs_one_queued_check_wait ON jobs (deployment_id) WHERE kind = 'check_wait' AND state = 'queued';
-- Merges of a held environment wait until /resume.
CREATE TABLE environment_holds (
  key text PRIMARY KEY,
  rolled_back_sha text NOT NULL,
  actor text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A deployment someone rolled back (or whose undo rolled it back) is faulty.
CREATE TABLE faulty_deployments (
  deployment_id integer PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
  actor text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Which deployment shipped the merges it superseded (re-pointed when it is superseded in turn).
CREATE TABLE superseded_deployments (
  deployment_id integer PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
  by_deployment_id integer NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX superseded_by ON superseded_deployments (by_deployment_id);
-- /cancel of a running deployment: the worker running it polls for this.
CREATE TABLE cancel_requests (
  deployment_id integer PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
  actor text NOT NULL,
  undo boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- `/deploy --skip-checks` by an admin: recorded with the deployment's origin.
ALTER TABLE deployment_origins ADD COLUMN skip_checks boolean NOT NULL DEFAULT false;
