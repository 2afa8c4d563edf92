-- preview environments: one per pull request, with the Heroku app Runway created for it
CREATE TABLE previews (
  owner text NOT NULL,
  repo text NOT NULL,
  pull_number integer NOT NULL,
  installation_id bigint NOT NULL,
  -- creating: the app may exist, its id is recorded as soon as Heroku answers; alive: deployed (or
  -- deploying); tearing_down: the durable teardown job is removing it; gone: nothing is left.
  state text NOT NULL CHECK (state IN ('creating', 'alive', 'tearing_down', 'gone')),
  app_name text,
  -- Only an app whose id Runway recorded here is ever updated or deleted: a name that collides with
  -- an app Runway did not create is refused, never taken over.
  app_id text,
  bucket text,
  prefix text,
  endpoint text,
  region text,
  site_url text,
  head_sha text,
  -- A fork PR's head commit that a maintainer's /preview allowed (every later push needs it again).
  approved_sha text,
  approved_by text,
  comment_id bigint,
  expires_at timestamptz,
  -- Why it is gone or refused: closed, merged, expired, or a refusal's one line.
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner, repo, pull_number)
);
CREATE INDEX previews_open ON previews (owner, repo) WHERE state <> 'gone';
-- Deployments Runway creates for previews carry their own trigger.
ALTER TABLE deployment_origins DROP CONSTRAINT deployment_origins_trigger_check;
ALTER TABLE deployment_origins ADD CONSTRAINT deployment_origins_trigger_check CHECK (trigger IN ('merge', 'command', 'preview'));
