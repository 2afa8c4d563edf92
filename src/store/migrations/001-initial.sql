-- deployments, jobs, locks, deliveries, logs
CREATE TABLE deliveries (
  id text PRIMARY KEY,
  event text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE deployments (
  id serial PRIMARY KEY,
  github_id bigint NOT NULL,
  installation_id bigint NOT NULL,
  owner text NOT NULL,
  repo text NOT NULL,
  environment text NOT NULL,
  sha text NOT NULL,
  ref text NOT NULL,
  task text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  creator text,
  state text NOT NULL DEFAULT 'queued',
  description text,
  environment_url text,
  summary jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  UNIQUE (owner, repo, github_id)
);
CREATE INDEX deployments_environment ON deployments (owner, repo, environment, id);
CREATE TABLE deployment_steps (
  deployment_id integer NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  position integer NOT NULL,
  name text NOT NULL,
  state text NOT NULL DEFAULT 'pending',
  summary text,
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (deployment_id, position)
);
CREATE TABLE log_lines (
  deployment_id integer NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  step text,
  line text NOT NULL,
  PRIMARY KEY (deployment_id, seq)
);
CREATE TABLE jobs (
  id serial PRIMARY KEY,
  kind text NOT NULL,
  key text NOT NULL,
  deployment_id integer REFERENCES deployments (id) ON DELETE CASCADE,
  payload jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'queued',
  attempts integer NOT NULL DEFAULT 0,
  run_after timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_open ON jobs (key, id) WHERE state IN ('waiting', 'queued', 'running');
CREATE INDEX jobs_queued ON jobs (id) WHERE state = 'queued';
CREATE TABLE running_keys (
  key text PRIMARY KEY,
  job_id integer NOT NULL UNIQUE REFERENCES jobs (id) ON DELETE CASCADE,
  worker_id text NOT NULL,
  lease_until timestamptz NOT NULL
);
CREATE TABLE environment_locks (
  key text PRIMARY KEY,
  owner text NOT NULL,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
