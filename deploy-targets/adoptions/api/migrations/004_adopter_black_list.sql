-- The adopters' black list: a listed adopter cannot file new adoption requests.
ALTER TABLE adopters
  ADD COLUMN black_listed_at  timestamptz,
  ADD COLUMN black_list_reason text NOT NULL DEFAULT '',
  ADD COLUMN black_listed_by  bigint REFERENCES accounts(id);
CREATE INDEX adopters_search ON adopters (lower(name), lower(email));

-- Roles that already exist get the new permission the way the seed would have given it.
INSERT INTO role_permissions (role, permission)
SELECT name, 'adopters.black_list' FROM roles WHERE name IN ('admin', 'staff')
ON CONFLICT DO NOTHING;
