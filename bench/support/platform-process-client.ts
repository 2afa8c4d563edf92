import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RequestRecord } from '../../sandbox/heroku/server.ts';
import type { PlatformCommand, PlatformMessage } from './heroku-platform-process.ts';

export interface PlatformProcess {
  url: string;
  dataApiUrl: string;
  webUrls: Record<string, string>;
  /** The platform's request log so far. */
  requests(): Promise<RequestRecord[]>;
  close(): Promise<void>;
}

/** Starts the sandbox Heroku platform in a child process (heroku-platform-process.ts) with these apps. */
export async function startPlatformProcess(options: { token: string; workDir: string; apps: string[] }): Promise<PlatformProcess> {
  const child = fork(fileURLToPath(new URL('./heroku-platform-process.ts', import.meta.url)), [JSON.stringify(options)]);
  const next = <T extends PlatformMessage['type']>(type: T) =>
    new Promise<Extract<PlatformMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: PlatformMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<PlatformMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`the platform process ended (${code}) before answering ${type}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (command: PlatformCommand) => child.send(command);
  const ready = await next('ready');
  return {
    url: ready.url,
    dataApiUrl: ready.dataApiUrl,
    webUrls: ready.webUrls,
    async requests() {
      const answer = next('requests');
      send({ type: 'requests' });
      return (await answer).requests;
    },
    async close() {
      const closed = next('closed');
      send({ type: 'close' });
      await closed;
    },
  };
}
