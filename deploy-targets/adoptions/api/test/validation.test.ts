import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('validation');
});
afterAll(async () => {
  await h?.close();
});

const paths = (body: { details: { path: string }[] }) => body.details.map((d) => d.path).sort();

describe('request bodies are validated', () => {
  it('names each bad field of a sign-up', async () => {
    const res = await h.call('POST', '/accounts', { body: { email: 'nope', password: 'short' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(paths(res.body)).toEqual(['email', 'name', 'password']);
    expect(res.body.details.find((d: { path: string }) => d.path === 'password').message).toBe('at least 10 characters');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await h.call('POST', '/sessions', { body: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_json');
  });

  it('validates animals, including nested types and patches', async () => {
    const bad = await h.call('POST', '/animals', {
      token: h.adminToken,
      body: { name: '', species: 'dog', sex: 'robot', birthDate: '2020-13-45' },
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['birthDate', 'name', 'sex']);
    const good = await h.call('POST', '/animals', {
      token: h.adminToken,
      body: { name: 'Tom', species: 'cat', birthDate: '2021-04-01' },
    });
    expect(good.status).toBe(201);
    expect(good.body.animal).toMatchObject({ name: 'Tom', sex: 'unknown', birthDate: '2021-04-01', status: 'available' });
    const empty = await h.call('PATCH', `/animals/${good.body.animal.id}`, { token: h.adminToken, body: {} });
    expect(empty.status).toBe(400);
    const patched = await h.call('PATCH', `/animals/${good.body.animal.id}`, {
      token: h.adminToken,
      body: { description: 'Sleepy', breed: null },
    });
    expect(patched.body.animal).toMatchObject({ name: 'Tom', description: 'Sleepy', breed: null });
    expect((await h.call('PATCH', '/animals/999999', { token: h.adminToken, body: { name: 'N' } })).status).toBe(404);
    expect((await h.call('GET', '/animals/abc', { token: h.adminToken })).status).toBe(404);
  });

  it('validates adopters and adoption requests', async () => {
    const adopter = await h.call('POST', '/adopters', { token: h.adminToken, body: { name: 'Q', email: 'not-mail' } });
    expect(adopter.status).toBe(400);
    expect(paths(adopter.body)).toEqual(['email']);
    const request = await h.call('POST', '/adoption-requests', { token: h.adminToken, body: { animalId: -1 } });
    expect(request.status).toBe(400);
    expect(paths(request.body)).toEqual(['adopterId', 'animalId']);
    const unknown = await h.call('POST', '/adoption-requests', { token: h.adminToken, body: { animalId: 99999, adopterId: '99998' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      { path: 'animalId', message: 'no such animal' },
      { path: 'adopterId', message: 'no such adopter' },
    ]);
    const move = await h.call('POST', '/adoption-requests/1/transitions', { token: h.adminToken, body: { to: 'adopted' } });
    expect(move.status).toBe(400);
    expect(paths(move.body)).toEqual(['to']);
  });

  it('runs adopter CRUD end to end', async () => {
    const created = await h.call('POST', '/adopters', {
      token: h.adminToken,
      body: { name: 'Lee', email: 'lee@example.test', phone: '555-0100' },
    });
    const id = created.body.adopter.id;
    const patched = await h.call('PATCH', `/adopters/${id}`, { token: h.adminToken, body: { address: '1 Main St' } });
    expect(patched.body.adopter).toMatchObject({ name: 'Lee', phone: '555-0100', address: '1 Main St' });
    expect((await h.call('GET', '/adopters', { token: h.adminToken })).body.adopters).toHaveLength(1);
    expect((await h.call('DELETE', `/adopters/${id}`, { token: h.adminToken })).status).toBe(204);
    expect((await h.call('GET', `/adopters/${id}`, { token: h.adminToken })).status).toBe(404);
  });

  it('validates query parameters too', async () => {
    const res = await h.call('GET', '/adoption-requests?state=lost', { token: h.adminToken });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['state']);
  });
});
