import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerChecker, type OpenApiDocument } from './helpers/openapi-answers.ts';
import { startBroker, type Broker } from './helpers/start-broker.ts';

// "No 500, whatever the input", over real HTTP: every endpoint gets malformed bodies, wrong types,
// huge and negative numbers, ids past the column's range, unknown fields, overlong strings, strings
// PostgreSQL cannot store and odd path segments; every answer must be one the OpenAPI document lists,
// with its schema. Runs are bounded so that the suite stays fast; a failure prints its seed.
const RUNS = 40;

let broker: Broker;
let tokens: { admin: string; consumer: string; publisher: string };
let check: ReturnType<typeof answerChecker>;

beforeAll(async () => {
  broker = await startBroker();
  tokens = {
    admin: (await broker.login('root', 'admin')).token,
    consumer: (await broker.login('worker', 'consumer')).token,
    publisher: (await broker.login('sender', 'publisher')).token,
  };
  await broker.call('POST', '/channels', { token: tokens.admin, body: { name: 'jobs' } });
  await broker.call('POST', '/channels/jobs/subscribe', { token: tokens.consumer });
  const document = (await broker.call('GET', '/openapi.json')).body as OpenApiDocument;
  check = answerChecker(document);
});
afterAll(async () => broker?.close());

type Sent = { method: string; path: string; template: string; body?: string | undefined; auth: string | null; contentType?: string };

async function send(request: Sent): Promise<number> {
  const headers: Record<string, string> = {};
  if (request.auth !== null) headers.Authorization = request.auth;
  if (request.body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
  const response = await fetch(broker.url + request.path, { method: request.method, headers, body: request.body ?? null });
  const text = await response.text();
  const what = `${request.method} ${request.path} ${request.body?.slice(0, 300) ?? ''}`;
  expect(response.status, what).toBeLessThan(500);
  const body: unknown = text === '' ? null : JSON.parse(text);
  expect(check(request.method, request.template, response.status, body), what).toEqual([]);
  return response.status;
}

const weirdString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 60, maxLength: 2000 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', 'jobs', 'root', '1e0', 'true', '[5]'),
);
const weirdNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-1, -0, 0, 0.5, 1e0, 100, 101, 43_200, 43_201, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 1e308, -1e308, 5e-324),
);
/** A publish body whose payload nests arrays around and past the depth limit (as text: JSON.stringify would overflow). */
const deepPayload = fc.integer({ min: 60, max: 20_000 }).map((depth) => `{"payload":${'['.repeat(depth)}${']'.repeat(depth)}}`);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), weirdString, weirdNumber, fc.constant(null), fc.constant([5]), fc.constant(true));

/** A JSON body: the object the route expects with each field valid or replaced, extra fields, or anything at all. */
function bodyOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  const object = fc.record({ ...fields, unknown_field: anyValue }, { requiredKeys: [] });
  return fc.oneof(
    { weight: 4, arbitrary: object.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('{', '{"payload":', '[]', 'null', '\u0000')) },
  );
}

/** A path segment: ids and names that look right, wrong or hostile, percent-encoded as a client would send them. */
const segment = fc.oneof(
  fc.constantFrom('1', '2', '3', '0', '-1', '1e0', '+1', '01', '0x10', ' 1', '1.0', 'true', '[5]', '9007199254740991', '9007199254740993'),
  fc.constantFrom('99999999999999999999', '9223372036854775808', 'jobs', 'JOBS', 'nope', '%00', '%FF', '%C0%AF', '%2e%2e', 'a%2Fb', '%20'),
  fc.string({ maxLength: 70 }).map(encodeURIComponent),
);

const auth = (token: string) => fc.oneof(
  { weight: 6, arbitrary: fc.constant(`Bearer ${token}`) },
  { weight: 1, arbitrary: fc.constantFrom(null, 'Bearer', 'Bearer x.y.z', 'Basic YTpi', `bearer ${token} extra`) },
);

type Operation = { method: string; template: string; path: fc.Arbitrary<string>; body?: fc.Arbitrary<string>; token: keyof typeof tokens };

const OPERATIONS: Operation[] = [
  { method: 'POST', template: '/users', path: fc.constant('/users'), token: 'admin', body: bodyOf({ username: fc.oneof(weirdString, anyValue), password: fc.oneof(weirdString, anyValue), role: fc.oneof(fc.constantFrom('admin', 'consumer', 'publisher', 'king'), anyValue) }) },
  { method: 'GET', template: '/users', path: fc.constant('/users'), token: 'consumer' },
  { method: 'GET', template: '/users/{id}', path: segment.map((s) => `/users/${s}`), token: 'consumer' },
  { method: 'DELETE', template: '/users/{id}', path: segment.map((s) => `/users/${s}`), token: 'admin' },
  { method: 'POST', template: '/channels', path: fc.constant('/channels'), token: 'admin', body: bodyOf({ name: fc.oneof(weirdString, anyValue) }) },
  { method: 'GET', template: '/channels', path: fc.constant('/channels'), token: 'publisher' },
  { method: 'DELETE', template: '/channels/{name}', path: segment.filter((s) => s !== 'jobs').map((s) => `/channels/${s}`), token: 'admin' },
  { method: 'POST', template: '/channels/{name}/subscribe', path: segment.map((s) => `/channels/${s}/subscribe`), token: 'admin', body: bodyOf({ consumer_id: fc.oneof(weirdNumber, anyValue) }) },
  { method: 'GET', template: '/channels/{name}/queues', path: segment.map((s) => `/channels/${s}/queues`), token: 'consumer' },
  { method: 'DELETE', template: '/channels/{name}/queues/{queueId}', path: fc.tuple(segment, segment).map(([c, q]) => `/channels/${c}/queues/${q}`), token: 'consumer' },
  { method: 'POST', template: '/channels/{name}/messages', path: segment.map((s) => `/channels/${s}/messages`), token: 'publisher', body: fc.oneof(bodyOf({ payload: anyValue }), deepPayload) },
  { method: 'POST', template: '/channels/{name}/pull', path: fc.oneof(fc.constant('/channels/jobs/pull'), segment.map((s) => `/channels/${s}/pull`)), token: 'consumer', body: bodyOf({ max_messages: fc.oneof(weirdNumber, anyValue), visibility_timeout_seconds: fc.oneof(weirdNumber, anyValue) }) },
  { method: 'POST', template: '/channels/{name}/ack', path: fc.oneof(fc.constant('/channels/jobs/ack'), segment.map((s) => `/channels/${s}/ack`)), token: 'consumer', body: bodyOf({ receipts: fc.oneof(fc.array(fc.oneof(fc.uuid(), weirdString), { maxLength: 120 }), anyValue) }) },
];

describe('no 500 and every answer as documented', () => {
  for (const operation of OPERATIONS) {
    it(`${operation.method} ${operation.template}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          operation.path,
          operation.body ? fc.option(operation.body, { freq: 8 }) : fc.constant(null),
          auth(tokens[operation.token]),
          fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
          async (path, body, authorization, contentType) => {
            await send({ method: operation.method, path, template: operation.template, body: body ?? undefined, auth: authorization, contentType });
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  it('POST /token', async () => {
    const body = bodyOf({ username: fc.oneof(weirdString, anyValue), password: fc.oneof(weirdString, anyValue) });
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        await send({ method: 'POST', path: '/token', template: '/token', body: text, auth: null });
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /healthz, and the document lists every route', async () => {
    expect(await send({ method: 'GET', path: '/healthz', template: '/healthz', auth: null })).toBe(200);
    const document = (await broker.call('GET', '/openapi.json')).body as OpenApiDocument;
    const listed = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual(['GET /healthz', 'POST /token', ...OPERATIONS.map((o) => `${o.method} ${o.template}`)].sort());
  });
});
