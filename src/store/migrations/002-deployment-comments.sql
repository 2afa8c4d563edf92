-- the Runway comment of each deployment
CREATE TABLE deployment_comments (
  deployment_id integer PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
  issue_number integer NOT NULL,
  comment_id bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
