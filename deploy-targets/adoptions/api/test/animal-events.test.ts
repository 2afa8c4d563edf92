import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('animal_events');
});
afterAll(async () => {
  await h?.close();
});

describe("an animal's events", () => {
  it('are recorded by staff, listed oldest first for everyone, and deleted', async () => {
    const staff = await h.member('staff');
    const volunteer = await h.member('volunteer');
    const record = (body: object, token = staff.token) => h.call('POST', '/animals/1/events', { token, body });
    const vet = await record({ kind: 'vet_visit', occurredOn: '2024-03-02', description: 'Check-up: healthy' });
    expect(vet.status).toBe(201);
    expect(vet.body.event).toMatchObject({ kind: 'vet_visit', occurredOn: '2024-03-02', createdByName: 'A staff' });
    await record({ kind: 'arrival', occurredOn: '2024-01-15' });
    expect((await record({ kind: 'vaccination', occurredOn: '2024-02-01' }, volunteer.token)).status).toBe(403);
    expect((await record({ kind: 'party', occurredOn: '2024-02-30' })).status).toBe(400);

    const list = await h.call('GET', '/animals/1/events', { token: volunteer.token });
    expect(list.body.events.map((e: { kind: string }) => e.kind)).toEqual(['arrival', 'vet_visit']);
    expect((await h.call('GET', '/animals/999/events', { token: volunteer.token })).status).toBe(404);

    expect((await h.call('DELETE', `/animals/2/events/${vet.body.event.id}`, { token: staff.token })).status).toBe(404);
    expect((await h.call('DELETE', `/animals/1/events/${vet.body.event.id}`, { token: staff.token })).status).toBe(204);
    expect((await h.call('GET', '/animals/1/events', { token: staff.token })).body.events).toHaveLength(1);
  });
});

describe('animal statistics', () => {
  it('count animals by status, species and sex, requests by state, adoptions by month and events by kind', async () => {
    const adopter = await h.call('POST', '/adopters', { token: h.adminToken, body: { name: 'S', email: 's@example.test' } });
    const request = await h.call('POST', '/adoption-requests', {
      token: h.adminToken,
      body: { animalId: 3, adopterId: adopter.body.adopter.id },
    });
    for (const to of ['under_review', 'approved', 'completed']) {
      await h.call('POST', `/adoption-requests/${request.body.adoptionRequest.id}/transitions`, { token: h.adminToken, body: { to } });
    }
    const { statistics } = (await h.call('GET', '/statistics/animals', { token: h.adminToken })).body;
    // The month the completion was recorded in (UTC), as the database saw it.
    const detail = await h.call('GET', `/adoption-requests/${request.body.adoptionRequest.id}`, { token: h.adminToken });
    const month = (detail.body.adoptionRequest.events.at(-1).at as string).slice(0, 7);
    expect(statistics).toMatchObject({
      total: 3,
      byStatus: [
        { key: 'adopted', count: 1 },
        { key: 'available', count: 2 },
      ],
      bySex: [
        { key: 'female', count: 2 },
        { key: 'male', count: 1 },
      ],
      requestsByState: [{ key: 'completed', count: 1 }],
      adoptionsByMonth: [{ key: month, count: 1 }],
      events: [{ key: 'arrival', count: 1 }],
    });
    expect(statistics.bySpecies).toHaveLength(3);
  });
});
