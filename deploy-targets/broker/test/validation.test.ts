import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from './helpers/start-broker.ts';

let broker: Broker;
let admin: { id: number; token: string };
let consumer: { id: number; token: string };

beforeAll(async () => {
  broker = await startBroker();
  admin = await broker.login('root', 'admin');
  consumer = await broker.login('worker', 'consumer');
  await broker.call('POST', '/channels', { token: admin.token, body: { name: 'jobs' } });
  await broker.call('POST', '/channels/jobs/subscribe', { token: consumer.token });
});
afterAll(async () => broker?.close());

const paths = (body: { fields: { path: string }[] }) => body.fields.map((f) => f.path).sort();

describe('request bodies are validated with field errors', () => {
  it('POST /users names every bad field', async () => {
    const res = await broker.call('POST', '/users', { token: admin.token, body: { username: 'A b', password: 'short', role: 'king' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid request body');
    expect(paths(res.body)).toEqual(['password', 'role', 'username']);
    expect(res.body.fields.find((f: { path: string }) => f.path === 'password').message).toBe('must be at least 8 characters');
  });

  it('unknown fields are refused', async () => {
    const res = await broker.call('POST', '/channels', { token: admin.token, body: { name: 'ok', colour: 'red' } });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].message).toMatch(/colour/);
  });

  it('POST /token needs both fields', async () => {
    const res = await broker.call('POST', '/token', { body: {} });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['password', 'username']);
  });

  it('POST /channels/:name/messages needs a payload', async () => {
    const res = await broker.call('POST', '/channels/jobs/messages', { token: admin.token, body: { data: 1 } });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['(body)', 'payload']);
  });

  it('pull limits are checked', async () => {
    const res = await broker.call('POST', '/channels/jobs/pull', { token: consumer.token, body: { max_messages: 0, visibility_timeout_seconds: -1 } });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['max_messages', 'visibility_timeout_seconds']);
  });

  it('ack needs UUID receipts, with the index in the path', async () => {
    const res = await broker.call('POST', '/channels/jobs/ack', { token: consumer.token, body: { receipts: ['00000000-0000-4000-8000-000000000000', 'nope'] } });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['receipts.1']);
  });

  it('path parameters are validated too', async () => {
    const res = await broker.call('GET', '/users/abc', { token: admin.token });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid path', fields: [{ path: 'id' }] } });
    const bad = await broker.call('DELETE', '/channels/Not%20Valid', { token: admin.token });
    expect(bad).toMatchObject({ status: 400, body: { fields: [{ path: 'name' }] } });
  });

  it('ids are parsed strictly: true, [5], 1e0 and their kin are 400, never coerced into an id', async () => {
    for (const id of ['true', '%5B5%5D', '1e0', '+1', '01', '0x1', '1.0', '%201', '9007199254740993', '99999999999999999999']) {
      const res = await broker.call('GET', `/users/${id}`, { token: admin.token });
      expect(res, id).toMatchObject({ status: 400, body: { error: 'invalid path', fields: [{ path: 'id' }] } });
      const queue = await broker.call('DELETE', `/channels/jobs/queues/${id}`, { token: admin.token });
      expect(queue, id).toMatchObject({ status: 400, body: { fields: [{ path: 'queueId' }] } });
    }
    for (const consumer_id of [true, [5], '1e0', '5', 1.5, 0, -1, 2 ** 53]) {
      const res = await broker.call('POST', '/channels/jobs/subscribe', { token: admin.token, body: { consumer_id } });
      expect(res, JSON.stringify(consumer_id)).toMatchObject({ status: 400, body: { fields: [{ path: 'consumer_id' }] } });
    }
    expect((await broker.call('GET', `/users/${admin.id}`, { token: admin.token })).status).toBe(200);
  });

  it('a payload PostgreSQL cannot store is a 400, not a database error', async () => {
    const depth = 65;
    for (const payload of ['nul \u0000', { 'key\u0000': 1 }, 'lone \ud800']) {
      const res = await broker.call('POST', '/channels/jobs/messages', { token: admin.token, body: { payload } });
      expect(res, JSON.stringify(payload)).toMatchObject({ status: 400, body: { fields: [{ path: 'payload' }] } });
    }
    const deep = await broker.call('POST', '/channels/jobs/messages', { token: admin.token, body: `{"payload":${'['.repeat(depth)}${']'.repeat(depth)}}` });
    expect(deep).toMatchObject({ status: 400, body: { fields: [{ path: 'payload', message: 'is nested deeper than 64 levels' }] } });
  });

  it('malformed JSON is a JSON 400', async () => {
    const res = await broker.call('POST', '/channels', { token: admin.token, body: '{"name":' });
    expect(res.status).toBe(400);
    expect(typeof res.body.error).toBe('string');
  });

  it('an oversized body is 413', async () => {
    const res = await broker.call('POST', '/channels/jobs/messages', { token: admin.token, body: { payload: 'x'.repeat(300 * 1024) } });
    expect(res.status).toBe(413);
  });
});
