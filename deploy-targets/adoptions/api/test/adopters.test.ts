import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('adopters');
});
afterAll(async () => {
  await h?.close();
});

const create = async (body: object) => (await h.call('POST', '/adopters', { token: h.adminToken, body })).body.adopter;
const search = async (query: string) =>
  ((await h.call('GET', `/adopters${query}`, { token: h.adminToken })).body.adopters as { name: string }[]).map((a) => a.name);

describe('adopters', () => {
  it('are found by part of their name, e-mail or phone, ignoring case, with % and _ taken literally', async () => {
    await create({ name: 'María Pérez', email: 'maria@example.test', phone: '099 123 456' });
    await create({ name: 'Juan Gómez', email: 'JUAN@shelter.test' });
    await create({ name: '100% Cat Person_', email: 'cats@example.test' });
    expect(await search('?q=maría')).toEqual(['María Pérez']);
    expect(await search('?q=shelter.TEST')).toEqual(['Juan Gómez']);
    expect(await search('?q=123')).toEqual(['María Pérez']);
    expect(await search('?q=%25')).toEqual(['100% Cat Person_']);
    expect(await search('?q=_')).toEqual(['100% Cat Person_']);
    expect(await search('?q=nobody')).toEqual([]);
  });

  it('are edited field by field', async () => {
    const a = await create({ name: 'Edit Me', email: 'edit@example.test' });
    const res = await h.call('PATCH', `/adopters/${a.id}`, { token: h.adminToken, body: { phone: '555', notes: 'has a garden' } });
    expect(res.body.adopter).toMatchObject({ name: 'Edit Me', phone: '555', notes: 'has a garden' });
  });
});

describe('the black list', () => {
  it('lists an adopter with a reason, blocks new requests and approvals, and lifts', async () => {
    const staff = await h.member('staff');
    const volunteer = await h.member('volunteer');
    const a = await create({ name: 'Risky Rick', email: 'rick@example.test' });
    const earlier = await h.call('POST', '/adoption-requests', { token: h.adminToken, body: { animalId: 1, adopterId: a.id } });
    await h.call('POST', `/adoption-requests/${earlier.body.adoptionRequest.id}/transitions`, {
      token: h.adminToken,
      body: { to: 'under_review' },
    });

    const refused = await h.call('PUT', `/adopters/${a.id}/black-list`, { token: volunteer.token, body: { reason: 'x' } });
    expect(refused.status).toBe(403);
    expect((await h.call('PUT', `/adopters/${a.id}/black-list`, { token: staff.token, body: { reason: ' ' } })).status).toBe(400);
    const listed = await h.call('PUT', `/adopters/${a.id}/black-list`, { token: staff.token, body: { reason: 'returned two dogs' } });
    expect(listed.body.adopter).toMatchObject({ blackListed: true, blackListReason: 'returned two dogs' });
    expect(listed.body.adopter.blackListedAt).toEqual(expect.any(String));
    expect(await search('?blackListed=true')).toEqual(['Risky Rick']);
    expect(await search('?blackListed=false')).not.toContain('Risky Rick');

    const blocked = await h.call('POST', '/adoption-requests', { token: h.adminToken, body: { animalId: 2, adopterId: a.id } });
    expect(blocked).toMatchObject({ status: 409, body: { message: 'the adopter is on the black list' } });
    const approve = await h.call('POST', `/adoption-requests/${earlier.body.adoptionRequest.id}/transitions`, {
      token: h.adminToken,
      body: { to: 'approved' },
    });
    expect(approve.status).toBe(409);

    const lifted = await h.call('DELETE', `/adopters/${a.id}/black-list`, { token: staff.token });
    expect(lifted.body.adopter).toMatchObject({ blackListed: false, blackListedAt: null, blackListReason: '' });
    const allowed = await h.call('POST', '/adoption-requests', { token: h.adminToken, body: { animalId: 2, adopterId: a.id } });
    expect(allowed.status).toBe(201);
    expect((await h.call('PUT', '/adopters/999999/black-list', { token: staff.token, body: { reason: 'x' } })).status).toBe(404);
  });
});
