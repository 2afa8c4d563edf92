/**
 * A CPU profile of a window of another Node process's life, taken through its inspector (the
 * process runs with `--inspect=127.0.0.1:0`): `node --cpu-prof` profiles the whole process, start-up
 * and load included, which hides what one phase costs. The Chrome DevTools Protocol over the
 * inspector's WebSocket: Profiler.start, then Profiler.stop answers with the profile.
 */
import { WebSocket } from 'undici';
import type { CpuProfile } from './cpu-profile-summary.ts';

/** Node's "Debugger listening on ws://…" line, from the process's output. */
export function inspectorUrl(output: readonly string[]): string {
  for (const line of output) {
    const url = /Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
    if (url) return url;
  }
  throw new Error('the process printed no inspector URL (was it started with --inspect?)');
}

/** Profiles the process at `url` while `work` runs; resolves with work's result and the profile. */
export async function profileWhile<T>(url: string, work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`could not connect to the inspector at ${url}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(`inspector: ${message.error.message}`));
    else waiter.resolve(message.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('Profiler.enable');
    // 250 µs, finer than --cpu-prof's default 1 ms: one deployment's own work is a few ms.
    await call('Profiler.setSamplingInterval', { interval: 250 });
    await call('Profiler.start');
    const result = await work();
    const { profile } = (await call('Profiler.stop')) as { profile: CpuProfile };
    return { result, profile };
  } finally {
    socket.close();
  }
}
