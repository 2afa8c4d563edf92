-- placeholder on the authz branch for another helper's migration 004 (drop at merge)
SELECT 1;
