import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from './helpers/start-broker.ts';

let broker: Broker;
let admin: { id: number; token: string };
let consumer: { id: number; token: string };
let publisher: { id: number; token: string };

beforeAll(async () => {
  broker = await startBroker();
  admin = await broker.login('root', 'admin');
  consumer = await broker.login('worker', 'consumer');
  publisher = await broker.login('sender', 'publisher');
});
afterAll(async () => broker?.close());

describe('health and token', () => {
  it('/healthz answers 200 when the database does', async () => {
    const res = await broker.call('GET', '/healthz');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok' } });
  });

  it('POST /token returns an HS256 JWT whose claims carry the user id and role', async () => {
    const res = await broker.call('POST', '/token', { body: { username: 'worker', password: 'a-password-for-tests' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, role: 'consumer', user_id: consumer.id });
    const [header, claims] = (res.body.access_token as string).split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(claims).toMatchObject({ sub: String(consumer.id), role: 'consumer' });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('POST /token refuses a wrong password and an unknown user alike', async () => {
    const wrong = await broker.call('POST', '/token', { body: { username: 'worker', password: 'nope-nope' } });
    const unknown = await broker.call('POST', '/token', { body: { username: 'ghost', password: 'nope-nope' } });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'wrong username or password' } });
    expect(unknown).toMatchObject({ status: 401, body: { error: 'wrong username or password' } });
  });
});

describe('users', () => {
  it('an admin creates, lists, gets and deletes a user; the password hash never leaves', async () => {
    const created = await broker.call('POST', '/users', { token: admin.token, body: { username: 'alice', password: 'alice-password', role: 'consumer' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'alice', role: 'consumer' });
    expect(JSON.stringify(created.body)).not.toContain('argon2');

    const login = await broker.call('POST', '/token', { body: { username: 'alice', password: 'alice-password' } });
    expect(login.status).toBe(200);

    const list = await broker.call('GET', '/users', { token: consumer.token });
    expect(list.status).toBe(200);
    expect(list.body.users.map((u: { username: string }) => u.username)).toEqual(['root', 'worker', 'sender', 'alice']);
    expect(JSON.stringify(list.body)).not.toMatch(/password|argon2/);

    const got = await broker.call('GET', `/users/${created.body.id}`, { token: consumer.token });
    expect(got).toMatchObject({ status: 200, body: { id: created.body.id, username: 'alice' } });

    expect((await broker.call('DELETE', `/users/${created.body.id}`, { token: admin.token })).status).toBe(204);
    expect((await broker.call('GET', `/users/${created.body.id}`, { token: admin.token })).status).toBe(404);
    expect((await broker.call('DELETE', `/users/${created.body.id}`, { token: admin.token })).status).toBe(404);
  });

  it('a taken username is a 409 and an admin cannot delete itself', async () => {
    const dup = await broker.call('POST', '/users', { token: admin.token, body: { username: 'worker', password: 'whatever-1', role: 'consumer' } });
    expect(dup).toMatchObject({ status: 409, body: { error: 'username worker is taken' } });
    expect((await broker.call('DELETE', `/users/${admin.id}`, { token: admin.token })).status).toBe(409);
  });
});

describe('channels and subscriptions', () => {
  it('an admin creates, lists and deletes channels', async () => {
    expect((await broker.call('POST', '/channels', { token: admin.token, body: { name: 'orders' } })).status).toBe(201);
    expect((await broker.call('POST', '/channels', { token: admin.token, body: { name: 'orders' } })).status).toBe(409);
    expect((await broker.call('POST', '/channels', { token: admin.token, body: { name: 'tmp' } })).status).toBe(201);
    const list = await broker.call('GET', '/channels', { token: consumer.token });
    expect(list.body.channels.map((c: { name: string }) => c.name)).toEqual(['orders', 'tmp']);
    expect((await broker.call('DELETE', '/channels/tmp', { token: admin.token })).status).toBe(204);
    expect((await broker.call('DELETE', '/channels/tmp', { token: admin.token })).status).toBe(404);
  });

  it('a consumer subscribes (creating its queue), twice is the same queue, and can delete it', async () => {
    await broker.call('POST', '/channels', { token: admin.token, body: { name: 'news' } });
    const first = await broker.call('POST', '/channels/news/subscribe', { token: consumer.token });
    expect(first).toMatchObject({ status: 201, body: { channel: 'news', consumer_id: consumer.id, consumer: 'worker', ready: 0, in_flight: 0 } });
    const again = await broker.call('POST', '/channels/news/subscribe', { token: consumer.token });
    expect(again).toMatchObject({ status: 200, body: { id: first.body.id } });

    const other = await broker.login('other-worker', 'consumer');
    const byAdmin = await broker.call('POST', '/channels/news/subscribe', { token: admin.token, body: { consumer_id: other.id } });
    expect(byAdmin).toMatchObject({ status: 201, body: { consumer_id: other.id } });

    const queues = await broker.call('GET', '/channels/news/queues', { token: publisher.token });
    expect(queues.body.queues.map((q: { consumer: string }) => q.consumer)).toEqual(['worker', 'other-worker']);

    // Someone else's queue is not yours to delete.
    expect((await broker.call('DELETE', `/channels/news/queues/${byAdmin.body.id}`, { token: consumer.token })).status).toBe(403);
    expect((await broker.call('DELETE', `/channels/news/queues/${first.body.id}`, { token: consumer.token })).status).toBe(204);
    expect((await broker.call('DELETE', `/channels/news/queues/${byAdmin.body.id}`, { token: admin.token })).status).toBe(204);
    const after = await broker.call('GET', '/channels/news/queues', { token: admin.token });
    expect(after.body.queues).toEqual([]);
  });

  it('a consumer may not subscribe someone else; unknown channels are 404', async () => {
    await broker.call('POST', '/channels', { token: admin.token, body: { name: 'private' } });
    const res = await broker.call('POST', '/channels/private/subscribe', { token: consumer.token, body: { consumer_id: publisher.id } });
    expect(res.status).toBe(403);
    expect((await broker.call('POST', '/channels/nowhere/subscribe', { token: consumer.token })).status).toBe(404);
    expect((await broker.call('GET', '/channels/nowhere/queues', { token: consumer.token })).status).toBe(404);
    expect((await broker.call('POST', '/channels/nowhere/messages', { token: publisher.token, body: { payload: 1 } })).status).toBe(404);
  });

  it('pulling from a channel without a queue of yours says to subscribe first', async () => {
    const res = await broker.call('POST', '/channels/orders/pull', { token: consumer.token, body: {} });
    expect(res).toMatchObject({ status: 404, body: { error: 'you have no queue on channel orders: subscribe first' } });
  });

  it('deleting a channel deletes its queues and their messages', async () => {
    await broker.call('POST', '/channels', { token: admin.token, body: { name: 'doomed' } });
    await broker.call('POST', '/channels/doomed/subscribe', { token: consumer.token });
    await broker.call('POST', '/channels/doomed/messages', { token: publisher.token, body: { payload: 'x' } });
    expect((await broker.call('DELETE', '/channels/doomed', { token: admin.token })).status).toBe(204);
    const { rows } = await broker.db.pool.query('SELECT count(*)::int AS n FROM queue_messages');
    expect(rows[0].n).toBe(0);
  });

  it('an unknown route is a JSON 404', async () => {
    expect(await broker.call('GET', '/nothing-here')).toMatchObject({ status: 404, body: { error: 'not found' } });
  });
});

describe('CORS', () => {
  it('without CORS_ORIGIN no origin is allowed', async () => {
    const res = await fetch(`${broker.url}/channels`, { method: 'OPTIONS', headers: { Origin: 'https://any.example.com', 'Access-Control-Request-Method': 'GET' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
