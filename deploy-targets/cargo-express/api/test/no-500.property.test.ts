import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerChecker, type OpenApiDocument } from './support/openapi-answers.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { addUser, createTestApp, login, type TestApp } from './support/test-app.ts';

// "No 500, whatever the input": every endpoint gets malformed bodies, wrong types, huge and
// negative numbers, out-of-range dates and offsets, unknown fields, overlong strings and strings
// PostgreSQL cannot store; every answer must be one the OpenAPI document lists, with its schema.
// Requests go over real HTTP to the API served as server.ts serves it. Runs are bounded so that the
// suite stays fast; a failure prints the seed that reproduces it.
const RUNS = 60;

let testDb: TestDatabase;
let app: TestApp;
let token: string;
let check: ReturnType<typeof answerChecker>;
let server: ServerType;
let base: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = createTestApp(testDb.db);
  await addUser(testDb.db, 'ops', 'ops-password');
  token = await login(app, 'ops', 'ops-password');
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  check = answerChecker((await (await fetch(`${base}/openapi.json`)).json()) as OpenApiDocument);
});
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await testDb?.drop();
});

type Sent = { method: 'GET' | 'POST'; path: string; template: string; body?: string; auth?: string | null; contentType?: string };

/** Sends one request and fails on a 5xx or an answer the document does not describe. */
async function send(request: Sent): Promise<number> {
  const headers: Record<string, string> = {};
  const auth = request.auth === undefined ? `Bearer ${token}` : request.auth;
  if (auth !== null) headers.authorization = auth;
  if (request.body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
  const response = await fetch(base + request.path, { method: request.method, headers, body: request.body ?? null });
  const text = await response.text();
  const body: unknown = text === '' ? null : JSON.parse(text);
  expect(response.status, `${request.method} ${request.path} ${request.body ?? ''}`).toBeLessThan(500);
  expect(check(request.method, request.template, response.status, body), `${request.method} ${request.path} ${request.body ?? ''}`).toEqual([]);
  return response.status;
}

// Strings of every kind: any code point (lone surrogates and NUL included), overlong ones, and ones
// that look like what a field expects.
const weirdString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 190, maxLength: 1200 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff x', '  padded  ', '1e0', 'true', '[5]', 'null'),
);
const weirdNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-1, -0, 0.001, 1.005, 1e12, 999_999_999_999.99, 1e21, 1e308, -1e308, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 5e-324),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), weirdString, weirdNumber, fc.constant(null));

const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
/** Date-times well-formed or nearly: any 4-digit year, months, days, hours up to 99, any offset. */
const dateTime = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      twoDigits,
      twoDigits,
      fc.constantFrom('T', ' ', 't', '_'),
      twoDigits,
      twoDigits,
      twoDigits,
      fc.constantFrom('', '.1', '.123456', '.123456789', '.1234567890'),
      fc.oneof(fc.constantFrom('', 'Z', 'z', '+00:00', '-05:00', '+15:59', '-15:59', '+16:00', '+99:99', '-0500', '+05'), weirdString),
    )
    .map(([y, mo, d, sep, h, mi, s, frac, off]) => `${String(y).padStart(4, '0')}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${off}`),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  weirdString,
);

const validProduct = fc.record({
  IdProducto: fc.string({ minLength: 1, maxLength: 12 }),
  producto: fc.constantFrom('Moneda', 'Tarjeta SIM', 'Estuche para gafas', 'Tijeras pequeñas'),
  precio: fc.integer({ min: 0, max: 10_000_00 }).map((c) => c / 100),
});
/** An order where each field is valid or replaced by something else, sometimes with extra fields. */
const order = fc.record(
  {
    pedido_id: fc.oneof(fc.uuid(), weirdString, anyValue),
    repartidor: fc.oneof(
      fc.record({ IdRepartidor: fc.oneof(fc.integer(), fc.string(), weirdNumber, anyValue), Nombre: fc.oneof(fc.string(), weirdString, anyValue) }),
      anyValue,
    ),
    productos: fc.oneof(
      fc.array(validProduct, { minLength: 1, maxLength: 5 }),
      fc.array(fc.record({ IdProducto: anyValue, producto: fc.oneof(weirdString, anyValue), precio: weirdNumber }), { maxLength: 3 }),
      fc.array(validProduct, { minLength: 499, maxLength: 502 }),
      anyValue,
    ),
    timestamp: dateTime,
    extra: anyValue,
  },
  { requiredKeys: [] },
);

const rawBody = fc.oneof(
  order.map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('{', '{"pedido_id":', '[]', 'null', '"x"', '{"a":1}{', '\u0000'),
);

const authHeader = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic YTpi', 'Bearer a.b.c', 'bearer  x  y'),
  fc.string({ maxLength: 200 }).map((s) => `Bearer ${s}`),
);

describe('no 500 and every answer as documented', () => {
  it('POST /registrar_pedido_entregado', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, authHeader, fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'), async (body, auth, contentType) => {
        await send({ method: 'POST', path: '/registrar_pedido_entregado', template: '/registrar_pedido_entregado', body, auth, contentType });
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('POST /token', async () => {
    const credentials = fc.record({ username: fc.oneof(weirdString, anyValue), password: fc.oneof(weirdString, anyValue), extra: anyValue }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.oneof(credentials.map((c) => JSON.stringify(c)), rawBody), async (body) => {
        await send({ method: 'POST', path: '/token', template: '/token', body, auth: null });
      }),
      { numRuns: RUNS },
    );
  });

  const queryValue = fc.oneof(weirdString, weirdNumber.map(String), fc.integer({ min: -5, max: 600 }).map(String));
  const cursor = fc.oneof(
    queryValue,
    fc
      .record({ at: fc.oneof(fc.bigInt().map(String), weirdString), id: fc.oneof(weirdString, fc.string()) }, { requiredKeys: [] })
      .map((c) => Buffer.from(JSON.stringify(c)).toString('base64url')),
  );

  it('GET /pedidos', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ limit: queryValue, cursor, other: queryValue }, { requiredKeys: [] }),
        authHeader,
        async (query, auth) => {
          const search = new URLSearchParams(query as Record<string, string>);
          await send({ method: 'GET', path: `/pedidos?${search}`, template: '/pedidos', auth });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('GET /metrics', async () => {
    const fecha = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 9999 }), twoDigits, twoDigits).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${d}`),
      queryValue,
    );
    await fc.assert(
      fc.asyncProperty(fc.record({ fecha, other: queryValue }, { requiredKeys: [] }), authHeader, async (query, auth) => {
        await send({ method: 'GET', path: `/metrics?${new URLSearchParams(query)}`, template: '/metrics', auth });
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /, GET /healthz and GET /openapi.json', async () => {
    expect(await send({ method: 'GET', path: '/', template: '/', auth: null })).toBe(200);
    expect(await send({ method: 'GET', path: '/healthz', template: '/healthz', auth: null })).toBe(200);
    const doc = await fetch(`${base}/openapi.json`);
    expect(doc.status).toBe(200);
    expect(Object.keys(((await doc.json()) as OpenApiDocument).paths).sort()).toEqual(
      ['/', '/healthz', '/metrics', '/pedidos', '/registrar_pedido_entregado', '/token'].sort(),
    );
  });

  it('a body over the limit is 413, not a crash', async () => {
    const body = JSON.stringify({ pedido_id: 'big', padding: 'x'.repeat(1024 * 1024) });
    expect(await send({ method: 'POST', path: '/registrar_pedido_entregado', template: '/registrar_pedido_entregado', body })).toBe(413);
  });
});
