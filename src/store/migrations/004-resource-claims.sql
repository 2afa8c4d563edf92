-- resource claims: without a policy file, the first repository to use an app, bucket prefix or variable owns it
CREATE TABLE resource_claims (
  kind text NOT NULL CHECK (kind IN ('heroku_app', 's3_bucket', 'variable')),
  name text NOT NULL,
  -- '' for apps and variables; for buckets the key prefix ('' is the whole bucket)
  prefix text NOT NULL DEFAULT '',
  repository_id bigint NOT NULL,
  -- owner/name when claimed, for messages only: ids survive renames, names do not
  repository text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, name, prefix)
);
