import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildOrder } from '../demo/catalog.ts';

export type SimulatorOptions = {
  api: string;
  everySeconds: number;
  /** Stop after this many orders; absent: until `signal` aborts. */
  count?: number;
  username: string;
  password: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
};

async function login(api: string, username: string, password: string): Promise<string> {
  const response = await fetch(new URL('/token', api), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login as ${username} failed: HTTP ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/** Logs in, then posts a random order every `everySeconds`; logs in again when the token expires. */
export async function runSimulator(options: SimulatorOptions): Promise<number> {
  const log = options.log ?? (() => undefined);
  let token = await login(options.api, options.username, options.password);
  let sent = 0;
  while (!options.signal?.aborted && (options.count === undefined || sent < options.count)) {
    const order = buildOrder(randomUUID(), new Date(), randomInt);
    const post = () =>
      fetch(new URL('/registrar_pedido_entregado', options.api), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(order),
      });
    let response = await post();
    if (response.status === 401) {
      token = await login(options.api, options.username, options.password);
      response = await post();
    }
    if (!response.ok) throw new Error(`order ${order.pedido_id} refused: HTTP ${response.status} ${await response.text()}`);
    sent++;
    const total = order.productos.reduce((sum, p) => sum + p.precio, 0);
    log(`order ${order.pedido_id}: ${order.repartidor.Nombre}, ${order.productos.length} product(s), ${total.toFixed(2)}`);
    if (options.count !== undefined && sent >= options.count) break;
    try {
      await sleep(options.everySeconds * 1000, undefined, { signal: options.signal });
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }
  return sent;
}
