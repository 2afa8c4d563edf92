import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_SECRET, startBroker, type Broker } from './helpers/start-broker.ts';

let broker: Broker;
let admin: { id: number; token: string };
let consumer: { id: number; token: string };

beforeAll(async () => {
  broker = await startBroker();
  admin = await broker.login('root', 'admin');
  consumer = await broker.login('worker', 'consumer');
});
afterAll(async () => broker?.close());

const now = () => Math.floor(Date.now() / 1000);

describe('every call checks the JWT', () => {
  const routes: [string, string][] = [
    ['GET', '/users'],
    ['GET', '/users/1'],
    ['POST', '/users'],
    ['DELETE', '/users/1'],
    ['GET', '/channels'],
    ['POST', '/channels'],
    ['DELETE', '/channels/x'],
    ['POST', '/channels/x/subscribe'],
    ['GET', '/channels/x/queues'],
    ['DELETE', '/channels/x/queues/1'],
    ['POST', '/channels/x/messages'],
    ['POST', '/channels/x/pull'],
    ['POST', '/channels/x/ack'],
  ];

  it.each(routes)('%s %s without a token is 401 with a Bearer challenge', async (method, path) => {
    const res = await broker.call(method, path);
    expect(res).toMatchObject({ status: 401, body: { error: 'missing bearer token' } });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a malformed token is 401', async () => {
    const res = await broker.call('GET', '/channels', { token: 'not.a.jwt' });
    expect(res).toMatchObject({ status: 401, body: { error: 'invalid token' } });
  });

  it('a token signed with another secret is 401', async () => {
    const forged = await sign({ sub: String(admin.id), role: 'admin', iat: now(), exp: now() + 60 }, 'another-secret-another-secret-another', 'HS256');
    expect((await broker.call('GET', '/channels', { token: forged })).status).toBe(401);
  });

  it('an unsigned (alg none) token is 401', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: String(admin.id), role: 'admin', iat: now(), exp: now() + 60 })}.`;
    expect((await broker.call('GET', '/channels', { token })).status).toBe(401);
  });

  it('an expired token is 401 "token expired"', async () => {
    const expired = await sign({ sub: String(admin.id), role: 'admin', iat: now() - 120, exp: now() - 60 }, JWT_SECRET, 'HS256');
    expect(await broker.call('GET', '/channels', { token: expired })).toMatchObject({ status: 401, body: { error: 'token expired' } });
  });

  it('a token without exp is 401, not eternal', async () => {
    const eternal = await sign({ sub: String(admin.id), role: 'admin', iat: now() }, JWT_SECRET, 'HS256');
    expect((await broker.call('GET', '/channels', { token: eternal })).status).toBe(401);
  });

  it('a token whose role claim does not match the user is 401', async () => {
    const promoted = await sign({ sub: String(consumer.id), role: 'admin', iat: now(), exp: now() + 60 }, JWT_SECRET, 'HS256');
    expect((await broker.call('POST', '/channels', { token: promoted, body: { name: 'sneaky' } })).status).toBe(401);
  });

  it('a deleted user\'s unexpired token is 401', async () => {
    const doomed = await broker.login('doomed', 'consumer');
    expect((await broker.call('GET', '/channels', { token: doomed.token })).status).toBe(200);
    expect((await broker.call('DELETE', `/users/${doomed.id}`, { token: admin.token })).status).toBe(204);
    expect((await broker.call('GET', '/channels', { token: doomed.token })).status).toBe(401);
  });
});

describe('roles', () => {
  it.each([
    ['POST', '/users', { username: 'x-user', password: 'long-enough', role: 'admin' }],
    ['DELETE', '/users/1', undefined],
    ['POST', '/channels', { name: 'mine' }],
    ['DELETE', '/channels/mine', undefined],
    ['POST', '/channels/mine/messages', { payload: 'hi' }],
  ])('a consumer calling %s %s gets 403', async (method, path, body) => {
    const res = await broker.call(method, path, { token: consumer.token, body });
    expect(res).toMatchObject({ status: 403 });
    expect(res.body.error).toMatch(/^requires role /);
  });

  it('a publisher may not subscribe', async () => {
    const publisher = await broker.login('sender', 'publisher');
    await broker.call('POST', '/channels', { token: admin.token, body: { name: 'feed' } });
    expect((await broker.call('POST', '/channels/feed/subscribe', { token: publisher.token })).status).toBe(403);
  });
});
