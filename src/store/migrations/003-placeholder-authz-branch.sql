-- placeholder on the authz branch for another helper's migration 003 (drop at merge)
SELECT 1;
