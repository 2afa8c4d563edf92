import type { Database, Queryable } from './database.ts';

/**
 * Versioned schema migrations, applied in order inside one transaction each. Hand-written rather
 * than a migration library because it must run on both engines (PGlite and a PostgreSQL server);
 * the SQL is plain PostgreSQL that both accept.
 */
const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'deployments, jobs, locks, deliveries, logs',
    sql: `
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
    `,
  },
  {
    version: 2,
    name: 'the Runway comment of each deployment',
    sql: `
      CREATE TABLE deployment_comments (
        deployment_id integer PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
        issue_number integer NOT NULL,
        comment_id bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

/** Any constant: replicas starting together take turns on it, so one migrates and the others see it done. */
const MIGRATION_LOCK = 7_217_701;

export async function migrate(db: Database): Promise<number[]> {
  const serialise = async (tx: Queryable) => {
    if (db.engine === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  };
  await db.transaction(async (tx) => {
    await serialise(tx);
    await tx.query(`CREATE TABLE IF NOT EXISTS runway_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await serialise(tx);
      const rows = await tx.query('SELECT 1 FROM runway_migrations WHERE version = $1', [m.version]);
      if (rows.length > 0) return false;
      await tx.query('INSERT INTO runway_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      for (const statement of m.sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
