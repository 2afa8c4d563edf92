import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/deployments/errors.ts';
import { HerokuApi, type RetryInfo } from '../../src/providers/heroku/api-client.ts';
import { backoffDelay, retryAfterMs } from '../../src/providers/heroku/backoff.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A real HTTP server answering with `handlers` in turn (the last one repeats); records each request. */
async function serve(...handlers: Handler[]) {
  const seen: { method: string; url: string; authorization?: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      const handler = handlers[Math.min(seen.length - 1, handlers.length - 1)];
      handler?.(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

const appShape = z.looseObject({ name: z.string() });

function api(baseUrl: string, retries: RetryInfo[] = [], extra: Partial<ConstructorParameters<typeof HerokuApi>[0]> = {}) {
  return new HerokuApi({
    baseUrl,
    token: 'tok-123',
    app: 'my-app',
    baseDelayMs: 10,
    maxDelayMs: 50,
    onRetry: (r) => retries.push(r),
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as Error;
}

describe('HerokuApi', () => {
  it('sends the token as basic auth with an empty user and the v3 Accept header', async () => {
    const server = await serve(json(200, { name: 'my-app' }));
    expect(await api(server.url).get('/apps/my-app', appShape)).toEqual({ name: 'my-app' });
    expect(server.seen[0]?.authorization).toBe(`Basic ${Buffer.from(':tok-123').toString('base64')}`);
  });

  it.each([
    [401, { id: 'unauthorized', message: 'Invalid credentials provided.' }, 'Heroku rejected the API token (HEROKU_API_TOKEN)'],
    [403, { id: 'forbidden', message: 'You do not have access to the app my-app.' }, 'no access to app my-app with this Heroku API token'],
    [404, { id: 'not_found', message: "Couldn't find that app." }, 'Heroku app my-app not found'],
    [
      422,
      { id: 'invalid_params', message: 'Invalid source_blob.\nmore detail' },
      'Heroku API answered 422 to GET /apps/my-app: Invalid source_blob.',
    ],
  ])('answers %i with a plain message and does not retry', async (status, body, message) => {
    const server = await serve(json(status, body));
    const error = await failure(api(server.url).get('/apps/my-app', appShape));
    expect(error.message).toBe(message);
    expect(server.seen).toHaveLength(1);
  });

  it('retries 429 and 5xx with backoff, honouring Retry-After, then succeeds', async () => {
    const retries: RetryInfo[] = [];
    const server = await serve(json(429, { id: 'rate_limit' }, { 'Retry-After': '0.2' }), json(502, {}), json(201, { name: 'built' }));
    const answer = await api(server.url, retries).post('/apps/my-app/builds', appShape, { body: { a: 1 } });
    expect(answer.name).toBe('built');
    expect(server.seen.map((s) => s.body)).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
    expect(retries.map((r) => [r.reason, r.attempt, r.delayMs])).toEqual([
      ['429', 1, 200],
      ['502', 2, expect.any(Number)],
    ]);
  });

  it('gives up after maxAttempts and says so', async () => {
    const server = await serve(json(500, { id: 'internal', message: 'boom' }));
    const error = await failure(api(server.url, [], { maxAttempts: 3 }).get('/apps/my-app', appShape));
    expect(error.message).toBe('Heroku API answered 500 to GET /apps/my-app after 3 attempts: boom');
    expect(server.seen).toHaveLength(3);
  });

  it('does not wait out a Retry-After longer than two minutes', async () => {
    const server = await serve(json(503, {}, { 'Retry-After': '3600' }));
    const error = await failure(api(server.url).get('/apps/my-app', appShape));
    expect(error.message).toMatch(/^Heroku API answered 503 to GET \/apps\/my-app/);
    expect(server.seen).toHaveLength(1);
  });

  it('times out a GET and retries it; never repeats a POST that timed out', async () => {
    const silent: Handler = () => undefined;
    const getServer = await serve(silent, json(200, { name: 'late' }));
    expect((await api(getServer.url, [], { timeoutMs: 200 }).get('/apps/my-app', appShape)).name).toBe('late');

    const postServer = await serve(silent);
    const error = await failure(api(postServer.url, [], { timeoutMs: 200 }).post('/apps/my-app/builds', appShape));
    expect(error.message).toBe('Heroku API unreachable (timeout) for POST /apps/my-app/builds after 1 attempt');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(postServer.seen).toHaveLength(1);
  });

  it('rejects an answer of the wrong shape as a ProviderError', async () => {
    const server = await serve(json(200, { id: 42 }));
    const error = await failure(api(server.url).get('/apps/my-app', appShape));
    expect(error.message).toMatch(/^Heroku's answer to GET \/apps\/my-app has an unexpected shape \(name: /);
  });

  it('stops when the deployment is cancelled', async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const call = api(server.url, [], { signal: controller.signal }).get('/apps/my-app', appShape);
    setTimeout(() => controller.abort(new Error('cancelled')), 50);
    await expect(call).rejects.toThrow('cancelled');
  });
});

describe('backoff', () => {
  it('doubles from the base with at most 20 % jitter, capped', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 500, 3000, () => 0))).toEqual([500, 1000, 2000, 3000]);
    expect(backoffDelay(1, 500, 3000, () => 0.999)).toBe(600);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
