import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptionStates, transitions, type AdoptionState } from '../src/adoptions/transitions.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let adopterId: string;

beforeAll(async () => {
  h = await startHarness('adoptions');
  const adopter = await h.call('POST', '/adopters', { token: h.adminToken, body: { name: 'Sam', email: 'sam@example.test' } });
  adopterId = adopter.body.adopter.id;
});
afterAll(async () => {
  await h?.close();
});

// The shortest path of allowed moves from submitted to each state, taken through the API.
const pathTo: Record<AdoptionState, AdoptionState[]> = {
  submitted: [],
  under_review: ['under_review'],
  withdrawn: ['withdrawn'],
  approved: ['under_review', 'approved'],
  rejected: ['under_review', 'rejected'],
  completed: ['under_review', 'approved', 'completed'],
};

async function requestIn(state: AdoptionState): Promise<{ id: string; animalId: string }> {
  const animal = await h.call('POST', '/animals', { token: h.adminToken, body: { name: `A-${state}`, species: 'dog' } });
  const animalId = animal.body.animal.id;
  const created = await h.call('POST', '/adoption-requests', { token: h.adminToken, body: { animalId, adopterId } });
  expect(created.status).toBe(201);
  const id = created.body.adoptionRequest.id;
  for (const to of pathTo[state]) {
    const moved = await h.call('POST', `/adoption-requests/${id}/transitions`, { token: h.adminToken, body: { to } });
    expect(moved.status, `moving to ${to} on the way to ${state}`).toBe(200);
  }
  return { id, animalId };
}

const allowed = adoptionStates.flatMap((from) => transitions[from].map((to) => [from, to] as const));
const refused = adoptionStates.flatMap((from) =>
  adoptionStates.filter((to) => !transitions[from].includes(to)).map((to) => [from, to] as const),
);

describe('adoption state machine', () => {
  it('has the documented table', () => {
    expect(allowed).toEqual([
      ['submitted', 'under_review'],
      ['submitted', 'withdrawn'],
      ['under_review', 'approved'],
      ['under_review', 'rejected'],
      ['under_review', 'withdrawn'],
      ['approved', 'completed'],
    ]);
    expect(allowed.length + refused.length).toBe(36);
  });

  it.each(allowed)('allows %s → %s', async (from, to) => {
    const { id } = await requestIn(from);
    const res = await h.call('POST', `/adoption-requests/${id}/transitions`, {
      token: h.adminToken,
      body: { to, note: `to ${to}` },
    });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual({ from, to });
    expect(res.body.adoptionRequest.state).toBe(to);
    expect(res.body.adoptionRequest.nextStates).toEqual(transitions[to]);
    const detail = await h.call('GET', `/adoption-requests/${id}`, { token: h.adminToken });
    expect(detail.body.adoptionRequest.events.at(-1)).toMatchObject({ from, to, note: `to ${to}`, actorName: 'Administrator' });
  });

  it.each(refused)('refuses %s → %s with 409 and changes nothing', async (from, to) => {
    const { id } = await requestIn(from);
    const res = await h.call('POST', `/adoption-requests/${id}/transitions`, { token: h.adminToken, body: { to } });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(`cannot move a request from ${from} to ${to}`);
    expect(res.body.details).toEqual({ from, allowed: transitions[from] });
    const detail = await h.call('GET', `/adoption-requests/${id}`, { token: h.adminToken });
    expect(detail.body.adoptionRequest.state).toBe(from);
    expect(detail.body.adoptionRequest.events).toHaveLength(pathTo[from].length + 1);
  });
});

describe('the animal follows its adoption', () => {
  it('is reserved on approval, adopted on completion, and cannot be approved twice', async () => {
    const first = await requestIn('under_review');
    const rival = await h.call('POST', '/adoption-requests', {
      token: h.adminToken,
      body: { animalId: first.animalId, adopterId },
    });
    const rivalId = rival.body.adoptionRequest.id;
    await h.call('POST', `/adoption-requests/${rivalId}/transitions`, { token: h.adminToken, body: { to: 'under_review' } });

    await h.call('POST', `/adoption-requests/${first.id}/transitions`, { token: h.adminToken, body: { to: 'approved' } });
    const reserved = await h.call('GET', `/animals/${first.animalId}`, { token: h.adminToken });
    expect(reserved.body.animal.status).toBe('reserved');

    const second = await h.call('POST', `/adoption-requests/${rivalId}/transitions`, { token: h.adminToken, body: { to: 'approved' } });
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/reserved/);

    await h.call('POST', `/adoption-requests/${first.id}/transitions`, { token: h.adminToken, body: { to: 'completed' } });
    const adopted = await h.call('GET', `/animals/${first.animalId}`, { token: h.adminToken });
    expect(adopted.body.animal.status).toBe('adopted');

    const late = await h.call('POST', '/adoption-requests', { token: h.adminToken, body: { animalId: first.animalId, adopterId } });
    expect(late.status).toBe(409);
    expect((await h.call('DELETE', `/animals/${first.animalId}`, { token: h.adminToken })).status).toBe(409);
  });

  it('lists requests by state and answers 404 for unknown ones', async () => {
    const { id } = await requestIn('rejected');
    const list = await h.call('GET', '/adoption-requests?state=rejected', { token: h.adminToken });
    expect(list.body.adoptionRequests.map((r: { id: string }) => r.id)).toContain(id);
    expect(list.body.adoptionRequests.every((r: { state: string }) => r.state === 'rejected')).toBe(true);
    expect((await h.call('GET', '/adoption-requests/424242', { token: h.adminToken })).status).toBe(404);
    const missing = await h.call('POST', '/adoption-requests/424242/transitions', { token: h.adminToken, body: { to: 'approved' } });
    expect(missing.status).toBe(404);
  });
});
