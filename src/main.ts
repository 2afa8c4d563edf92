import { withEnvFile } from './config/env-file.ts';
import { loadSettings } from './config/settings.ts';
import { startRunway } from './runway.ts';

/**
 * Process entry: read settings once (the environment over `RUNWAY_ENV_FILE`, default `.env`), start
 * Runway, stop cleanly on SIGTERM/SIGINT. Missing settings stop it: it never turns into a setup page.
 */
const loaded = (() => {
  try {
    return loadSettings(withEnvFile(process.env));
  } catch (error) {
    return { ok: false as const, problems: [(error as Error).message] };
  }
})();
if (!loaded.ok) {
  const noApp = loaded.problems.some((p) => p.startsWith('APP_ID: required'));
  process.stderr.write(
    `Runway cannot start: ${loaded.problems.length} setting${loaded.problems.length === 1 ? ' is' : 's are'} missing or invalid:\n` +
      loaded.problems.map((p) => `  - ${p}\n`).join('') +
      'See "Settings" in README.md.\n' +
      (noApp ? 'No GitHub App yet? `npm run setup` registers one and stores its settings in .env.\n' : ''),
  );
  process.exit(1);
}

const runway = await startRunway(loaded.settings).catch((error: unknown) => {
  process.stderr.write(`Runway cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    runway.log.info({ signal }, 'stopping: finishing running jobs');
    runway
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        runway.log.error({ err: error }, 'could not stop cleanly');
        process.exit(1);
      });
  });
}
