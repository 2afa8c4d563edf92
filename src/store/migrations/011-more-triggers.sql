-- Deployments started by a push to a branch, a pushed tag or a published release (issue 14 item 7).
ALTER TABLE deployment_origins DROP CONSTRAINT deployment_origins_trigger_check;
ALTER TABLE deployment_origins ADD CONSTRAINT deployment_origins_trigger_check
  CHECK (trigger IN ('merge', 'command', 'preview', 'push', 'tag', 'release'));
-- A push trigger skips a commit already deployed to the environment.
CREATE INDEX deployments_env_sha ON deployments (owner, repo, environment, sha);
