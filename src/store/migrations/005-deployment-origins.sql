-- what Runway recorded about the deployments it created, and each creator's user type
-- A deployment's payload is whatever its creator wrote; who caused a Runway deployment, where it
-- answers and what a rollback returns to are written here, by Runway, before it asks GitHub.
CREATE TABLE deployment_origins (
  id serial PRIMARY KEY,
  owner text NOT NULL,
  repo text NOT NULL,
  environment text NOT NULL,
  -- NULL while Runway is creating the deployment; GitHub's id once it answered.
  github_id bigint,
  trigger text NOT NULL CHECK (trigger IN ('merge', 'command')),
  purpose text NOT NULL CHECK (purpose IN ('deploy', 'redeploy', 'rollback')),
  actor text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('User', 'Bot')),
  issue_number integer,
  command_comment_id bigint,
  reply_comment_id bigint,
  rollback_to integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner, repo, github_id)
);
CREATE INDEX deployment_origins_pending ON deployment_origins (owner, repo, environment) WHERE github_id IS NULL;
ALTER TABLE deployments ADD COLUMN creator_type text;
