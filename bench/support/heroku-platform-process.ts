/**
 * The sandbox Heroku platform in a process of its own, for bench/heroku-deploy.ts: the provider's
 * time and CPU are then measured without the platform's work in the same process.
 *
 * Started with `fork` and one argument, JSON `{ token, workDir, apps }`. Sends `{ type: 'ready',
 * url, dataApiUrl, webUrls }` once the apps exist; answers `{ type: 'requests' }` with the request
 * log so far; `{ type: 'close' }` closes the platform and ends the process.
 */
import { startHerokuPlatform } from '../../sandbox/heroku/index.ts';
import type { RequestRecord } from '../../sandbox/heroku/server.ts';

export type PlatformMessage =
  | { type: 'ready'; url: string; dataApiUrl: string; webUrls: Record<string, string> }
  | { type: 'requests'; requests: RequestRecord[] }
  | { type: 'closed' };

export type PlatformCommand = { type: 'requests' } | { type: 'close' };

const options = JSON.parse(process.argv[2] ?? '{}') as { token: string; workDir: string; apps: string[] };
const platform = await startHerokuPlatform({ token: options.token, workDir: options.workDir });
const webUrls: Record<string, string> = {};
for (const app of options.apps) webUrls[app] = (await platform.createApp(app)).webUrl;
const send = (message: PlatformMessage) => process.send?.(message);
send({ type: 'ready', url: platform.url, dataApiUrl: platform.dataApiUrl, webUrls });
process.on('message', (command: PlatformCommand) => {
  if (command.type === 'requests') send({ type: 'requests', requests: platform.requestLog });
  if (command.type === 'close') {
    void platform.close().then(() => {
      send({ type: 'closed' });
      process.disconnect();
    });
  }
});
