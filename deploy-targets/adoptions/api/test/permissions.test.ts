import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let volunteer: { token: string; id: string };
let staff: { token: string; id: string };
let requestId: string;

beforeAll(async () => {
  h = await startHarness('permissions');
  volunteer = await h.member('volunteer');
  staff = await h.member('staff');
  const animal = await h.call('POST', '/animals', { token: staff.token, body: { name: 'Rex', species: 'dog' } });
  const adopter = await h.call('POST', '/adopters', {
    token: volunteer.token,
    body: { name: 'Pat', email: 'pat@example.test' },
  });
  expect(adopter.status).toBe(201);
  const request = await h.call('POST', '/adoption-requests', {
    token: volunteer.token,
    body: { animalId: animal.body.animal.id, adopterId: adopter.body.adopter.id },
  });
  expect(request.status).toBe(201);
  requestId = request.body.adoptionRequest.id;
});
afterAll(async () => {
  await h?.close();
});

describe('route permissions', () => {
  it('lets a volunteer start a review but not approve', async () => {
    const review = await h.call('POST', `/adoption-requests/${requestId}/transitions`, {
      token: volunteer.token,
      body: { to: 'under_review' },
    });
    expect(review.status).toBe(200);
    const approve = await h.call('POST', `/adoption-requests/${requestId}/transitions`, {
      token: volunteer.token,
      body: { to: 'approved' },
    });
    expect(approve.status).toBe(403);
    expect(approve.body.message).toBe('moving a request to approved needs adoptions.decide');
    const after = await h.call('GET', `/adoption-requests/${requestId}`, { token: volunteer.token });
    expect(after.body.adoptionRequest.state).toBe('under_review');

    const byStaff = await h.call('POST', `/adoption-requests/${requestId}/transitions`, {
      token: staff.token,
      body: { to: 'approved' },
    });
    expect(byStaff.status).toBe(200);
  });

  it('keeps volunteers from changing animals and staff from managing roles', async () => {
    expect((await h.call('POST', '/animals', { token: volunteer.token, body: { name: 'Y', species: 'cat' } })).status).toBe(403);
    expect((await h.call('DELETE', '/animals/1', { token: volunteer.token })).status).toBe(403);
    expect((await h.call('GET', '/animals', { token: volunteer.token })).status).toBe(200);
    expect((await h.call('GET', '/roles', { token: staff.token })).status).toBe(403);
    expect((await h.call('PUT', '/roles/foster', { token: staff.token, body: { permissions: [] } })).status).toBe(403);
  });
});

describe('role management', () => {
  it('lets an admin create a role, grant it, and see it take effect', async () => {
    const created = await h.call('PUT', '/roles/foster', {
      token: h.adminToken,
      body: { description: 'Foster homes', permissions: ['animals.read', 'animals.write'] },
    });
    expect(created.status).toBe(200);
    const foster = await h.member('foster');
    expect((await h.call('POST', '/animals', { token: foster.token, body: { name: 'Z', species: 'cat' } })).status).toBe(201);
    expect((await h.call('GET', '/adopters', { token: foster.token })).status).toBe(403);

    await h.call('PUT', '/roles/foster', { token: h.adminToken, body: { permissions: ['animals.read'] } });
    expect((await h.call('POST', '/animals', { token: foster.token, body: { name: 'Z', species: 'cat' } })).status).toBe(403);

    const list = await h.call('GET', '/roles', { token: h.adminToken });
    expect(list.body.roles.find((r: { name: string }) => r.name === 'foster')).toMatchObject({
      permissions: ['animals.read'],
      accounts: 1,
    });
    expect((await h.call('DELETE', '/roles/foster', { token: h.adminToken })).status).toBe(409);
  });

  it('deletes an unused role', async () => {
    await h.call('PUT', '/roles/temp', { token: h.adminToken, body: { permissions: [] } });
    expect((await h.call('DELETE', '/roles/temp', { token: h.adminToken })).status).toBe(204);
    expect((await h.call('DELETE', '/roles/temp', { token: h.adminToken })).status).toBe(404);
  });

  it('protects the admin role from lock-out', async () => {
    const strip = await h.call('PUT', '/roles/admin', { token: h.adminToken, body: { permissions: ['animals.read'] } });
    expect(strip.status).toBe(409);
    expect((await h.call('DELETE', '/roles/admin', { token: h.adminToken })).status).toBe(409);
    expect((await h.call('GET', '/accounts', { token: h.adminToken })).status).toBe(200);
  });

  it('refuses permissions that do not exist', async () => {
    const res = await h.call('PUT', '/roles/odd', { token: h.adminToken, body: { permissions: ['animals.read', 'fly'] } });
    expect(res.status).toBe(400);
    expect(res.body.details[0].path).toBe('permissions.1');
  });
});
