import { loadSettings } from './config/settings.ts';
import { startRunway } from './runway.ts';

/** Process entry: read settings once, start Runway, stop cleanly on SIGTERM/SIGINT. */
const loaded = loadSettings(process.env);
if (!loaded.ok) {
  process.stderr.write(
    `Runway cannot start: ${loaded.problems.length} setting${loaded.problems.length === 1 ? ' is' : 's are'} missing or invalid:\n` +
      loaded.problems.map((p) => `  - ${p}\n`).join('') +
      'See "Settings" in README.md.\n',
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
