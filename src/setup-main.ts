import { createServer } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { withEnvFile } from './config/env-file.ts';
import { buildManifest, readAppYml } from './setup/app-manifest.ts';
import { convertManifestCode } from './setup/manifest-conversion.ts';
import { createSetupApp, newSetupToken, setupPath } from './setup/setup-app.ts';
import type { SetupOutcome } from './setup/setup-outcome.ts';
import { loadSetupSettings } from './setup/setup-settings.ts';
import { storeAppSettings } from './setup/store-app-settings.ts';

/**
 * `npm run setup`: registers Runway as a GitHub App through the manifest flow, once. It refuses to
 * run when an App is already stored, and serves nothing but the page behind the one-time URL it
 * prints. `npm start` never falls back to this: a server that lost its settings stops instead.
 */
function stop(message: string): never {
  process.stderr.write(`Runway setup: ${message}\n`);
  process.exit(1);
}

function readEnv(): Record<string, string | undefined> {
  try {
    return withEnvFile(process.env);
  } catch (error) {
    return stop((error as Error).message);
  }
}
const env = readEnv();
const loaded = loadSetupSettings(env);
if (!loaded.ok) stop(`settings are invalid:\n${loaded.problems.map((p) => `  - ${p}\n`).join('')}`);
const { settings } = loaded;
const envFile = path.resolve(settings.envFile);
if (env.APP_ID) {
  const where = process.env.APP_ID ? 'the environment' : envFile;
  stop(
    `an App is already stored (APP_ID=${env.APP_ID} in ${where}); setup refuses to replace it. ` +
      'Run `npm start`, or remove APP_ID and the App settings from there to register a new App.',
  );
}

const token = newSetupToken();
const manifest = JSON.stringify(buildManifest(readAppYml(), settings.publicUrl));

async function complete(code: string): Promise<SetupOutcome> {
  const converted = await convertManifestCode(settings.githubApiUrl, code);
  if (!converted.ok) {
    const outcome: SetupOutcome =
      converted.reason === 'refused' ? { kind: 'refused', status: converted.status } : { kind: 'unreachable', message: converted.message };
    process.stderr.write(`Runway setup: GitHub did not give the App (${converted.reason}); nothing was written.\n`);
    return outcome;
  }
  const { app } = converted;
  const stored = await storeAppSettings(envFile, app.settings);
  if (stored.ok) {
    process.stdout.write(
      `Registered the GitHub App "${app.name}" (id ${app.settings.APP_ID}); its settings are in ${envFile} (mode 0600).\n` +
        `Install it: ${app.htmlUrl}/installations/new\nThen start Runway: npm start\n`,
    );
    setTimeout(() => shutdown(0), 300).unref();
    return { kind: 'stored', app, file: envFile };
  }
  const why =
    stored.reason === 'app-exists'
      ? `${envFile} already holds an App (APP_ID=${stored.appId}); Runway does not replace it.`
      : `Runway could not write ${envFile} (${stored.message}).`;
  // The terminal of the person running setup is the only place the key may go when the file cannot.
  process.stdout.write(
    `Registered the GitHub App "${app.name}", but ${why}\nPut these settings in Runway's environment (or a file with mode 0600):\n` +
      Object.entries(app.settings)
        .map(([name, value]) => `${name}=${JSON.stringify(value)}\n`)
        .join(''),
  );
  setTimeout(() => shutdown(0), 300).unref();
  return { kind: 'not-stored', app, file: envFile, why };
}

const setup = createSetupApp({ token, manifest, githubWebUrl: settings.githubWebUrl, defaultOrg: settings.org, complete });
const server = createServer(getRequestListener(setup.fetch));
function shutdown(code: number): void {
  server.close(() => process.exit(code));
  server.closeAllConnections();
}
server.once('error', (error) => stop(`cannot listen on port ${settings.port}: ${error.message}`));
server.listen(settings.port, () => {
  process.stdout.write(
    `Runway setup: open this URL to register Runway as a GitHub App on ${settings.githubWebUrl} (it stops once the App is stored):\n` +
      `  ${settings.publicUrl}${setupPath(token)}\n`,
  );
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown(1));
