import { fork } from 'node:child_process';
import type { DeliveryResult, LoadInput } from './load-worker.ts';

/**
 * Runs the open-loop load generator in its own process (Node 20 cannot start a worker thread from
 * a .ts file, even under tsx) and returns one result per planned delivery.
 */
export function runLoad(input: LoadInput): Promise<DeliveryResult[]> {
  const child = fork(new URL('./load-worker.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  return new Promise((resolve, reject) => {
    child.once('message', (results) => resolve(results as DeliveryResult[]));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(input);
  });
}
