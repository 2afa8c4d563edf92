import { migrate } from './store/migrations.ts';
import { openPostgresDatabase } from './store/postgres-database.ts';

/**
 * The Procfile's `release:` command: migrates the store in `DATABASE_URL` before Heroku makes the
 * new release current (a failure keeps the previous release running). Runway would also migrate at
 * start, under the same advisory lock; doing it here makes a failing migration fail the release.
 */
const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  process.stderr.write('runway release: DATABASE_URL must be a postgres:// URL (add the heroku-postgresql add-on)\n');
  process.exit(1);
}
const db = await openPostgresDatabase(url);
try {
  const applied = await migrate(db);
  process.stdout.write(
    applied.length > 0 ? `runway release: applied migrations ${applied.join(', ')}\n` : 'runway release: the store is current\n',
  );
} catch (error) {
  process.stderr.write(`runway release: migration failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
