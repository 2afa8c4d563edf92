/**
 * The load generator, in a process of its own so that its timer and its clock do not share an
 * event loop with the fake GitHub (which serves Runway's API calls in the benchmark's process).
 *
 * Open loop: delivery i is due at start + i/rate whatever happened to earlier ones. At most
 * `concurrency` are in flight; a due delivery that finds no free slot waits in a backlog, and its
 * wait counts (latency is also reported from the time it was due, so a slow server cannot hide
 * behind a generator that slowed down with it).
 */
import { Agent, request } from 'node:http';
import type { PlannedDelivery } from './load-plan.ts';

export interface LoadInput {
  url: string;
  event: string;
  bodies: string[];
  signatures: string[];
  plan: PlannedDelivery[];
  rate: number;
  concurrency: number;
  timeoutMs: number;
}

/** Times in ms from the run's start (performance.now based). `status` 0: no answer (`error` says why). */
export interface DeliveryResult {
  dueAt: number;
  sentAt: number;
  answeredAt: number;
  status: number;
  error?: string;
}

const input = await new Promise<LoadInput>((resolve) => process.once('message', (m) => resolve(m as LoadInput)));
const target = new URL(input.url);
const agent = new Agent({ keepAlive: true, maxSockets: input.concurrency });

function send(i: number, start: number, results: DeliveryResult[]): Promise<void> {
  const planned = input.plan[i]!;
  const body = input.bodies[planned.body]!;
  const result = results[i]!;
  result.sentAt = performance.now() - start;
  return new Promise((resolve) => {
    const finish = (status: number, error?: string) => {
      result.answeredAt = performance.now() - start;
      result.status = status;
      if (error) result.error = error;
      resolve();
    };
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        timeout: input.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'GitHub-Hookshot/bench',
          'x-github-event': input.event,
          'x-github-delivery': planned.deliveryId,
          'x-hub-signature-256': input.signatures[planned.body]!,
        },
      },
      (res) => {
        res.resume();
        res.once('end', () => finish(res.statusCode ?? 0));
        res.once('error', (error) => finish(0, error.message));
      },
    );
    req.once('timeout', () => req.destroy(new Error(`no answer within ${input.timeoutMs} ms`)));
    req.once('error', (error) => finish(0, error.message));
    req.end(body);
  });
}

async function run(): Promise<DeliveryResult[]> {
  const total = input.plan.length;
  const results: DeliveryResult[] = Array.from({ length: total }, (_, i) => ({
    dueAt: (i * 1000) / input.rate,
    sentAt: -1,
    answeredAt: -1,
    status: 0,
  }));
  const start = performance.now();
  let next = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now() - start;
      while (next < total && results[next]!.dueAt <= now && inFlight < input.concurrency) {
        inFlight++;
        pending.push(send(next++, start, results).finally(() => inFlight--));
      }
      if (next >= total) return resolve();
      setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  return results;
}

const results = await run();
process.send!(results, () => process.disconnect());
