-- Generated documents (PDF and Excel exports): made in the background, then listed for download, as agreed with the client.
CREATE TABLE documents (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject      text NOT NULL CHECK (subject IN ('animals', 'adopters', 'adoption-requests')),
  format       text NOT NULL CHECK (format IN ('pdf', 'xlsx')),
  filter       jsonb NOT NULL DEFAULT '{}',
  state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'ready', 'failed')),
  storage_key  text,
  size         integer,
  row_count    integer,
  error        text,
  requested_by bigint NOT NULL REFERENCES accounts(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  CHECK (state <> 'ready' OR storage_key IS NOT NULL)
);
CREATE INDEX documents_queued ON documents (id) WHERE state = 'queued';
CREATE INDEX documents_requested_by ON documents (requested_by, id);
