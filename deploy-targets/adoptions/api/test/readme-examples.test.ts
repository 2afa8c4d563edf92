import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

/**
 * The specification shows no JSON bodies, so the README's examples stand in for them: every
 * `-d '{…}'` body in the README is sent here, in the README's order, against the real app, and must
 * succeed. A body added to the README without a step here fails the first test.
 */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const readmeBodies = [...readme.matchAll(/-d '(\{.*?\})'/g)].map((m) => m[1]!);

type Step = { method: string; path: string; body?: string; status: number };
const codePlaceholder = '<43 characters from the e-mail>';

// As in the README: account 1 is the admin, 2 the volunteer who signs up; animals 1-3 come from the seed.
const steps: Step[] = [
  { method: 'GET', path: '/healthz', status: 200 },
  { method: 'GET', path: '/openapi.json', status: 200 },
  { method: 'POST', path: '/accounts', body: '{"email":"vol@example.org","name":"Val","password":"a-long-password"}', status: 201 },
  { method: 'POST', path: '/sessions', body: '{"email":"admin@adoptions.local","password":"change-me-please"}', status: 200 },
  // Not in the README: a third account, so that there is one to reject.
  { method: 'POST', path: '/accounts', body: '{"email":"dup@example.org","name":"Dup","password":"a-long-password"}', status: 201 },
  { method: 'GET', path: '/accounts?status=pending', status: 200 },
  { method: 'POST', path: '/accounts/2/accept', body: '{"role":"volunteer"}', status: 200 },
  { method: 'POST', path: '/accounts/3/reject', body: '{"note":"duplicate"}', status: 200 },
  { method: 'PUT', path: '/accounts/2/role', body: '{"role":"staff"}', status: 200 },
  { method: 'GET', path: '/me', status: 200 },
  { method: 'PATCH', path: '/me', body: '{"name":"Ada Admin"}', status: 200 },
  { method: 'PUT', path: '/me/password', body: '{"currentPassword":"change-me-please","newPassword":"a-better-password"}', status: 204 },
  { method: 'POST', path: '/password-resets', body: '{"email":"vol@example.org"}', status: 202 },
  { method: 'POST', path: '/password-resets/confirm', body: `{"code":"${codePlaceholder}","newPassword":"a-new-password"}`, status: 204 },
  { method: 'GET', path: '/roles', status: 200 },
  { method: 'PUT', path: '/roles/foster', body: '{"description":"Foster homes","permissions":["animals.read","animals.write"]}', status: 200 },
  { method: 'DELETE', path: '/roles/foster', status: 204 },
  { method: 'GET', path: '/animals?status=available&species=dog&q=calm', status: 200 },
  { method: 'POST', path: '/animals', body: '{"name":"Rex","species":"dog","sex":"male","birthDate":"2021-05-01"}', status: 201 },
  { method: 'PATCH', path: '/animals/1', body: '{"description":"Calm"}', status: 200 },
  { method: 'GET', path: '/animals/1', status: 200 },
  { method: 'DELETE', path: '/animals/4', status: 204 },
  { method: 'POST', path: '/animals/1/photos/upload-url', body: '{"contentType":"image/jpeg"}', status: 201 },
  { method: 'POST', path: '/animals/1/events', body: '{"kind":"vaccination","occurredOn":"2024-03-01","description":"Rabies"}', status: 201 },
  { method: 'GET', path: '/animals/1/events', status: 200 },
  { method: 'GET', path: '/statistics/animals', status: 200 },
  { method: 'POST', path: '/adopters', body: '{"name":"Sam","email":"sam@example.org"}', status: 201 },
  { method: 'GET', path: '/adopters?q=sam', status: 200 },
  { method: 'GET', path: '/adopters/1', status: 200 },
  { method: 'PATCH', path: '/adopters/1', body: '{"phone":"555-0100"}', status: 200 },
  { method: 'PUT', path: '/adopters/1/black-list', body: '{"reason":"returned two dogs"}', status: 200 },
  { method: 'GET', path: '/adopters?blackListed=true', status: 200 },
  { method: 'DELETE', path: '/adopters/1/black-list', status: 200 },
  { method: 'POST', path: '/adoption-requests', body: '{"animalId":1,"adopterId":1}', status: 201 },
  { method: 'GET', path: '/adoption-requests?state=submitted&from=2024-01-01', status: 200 },
  { method: 'GET', path: '/adoption-requests/1', status: 200 },
  { method: 'POST', path: '/adoption-requests/1/transitions', body: '{"to":"under_review","note":"home visit booked"}', status: 200 },
  { method: 'POST', path: '/exports', body: '{"subject":"animals","format":"pdf","filter":{"species":"dog"}}', status: 202 },
  { method: 'GET', path: '/documents', status: 200 },
  { method: 'GET', path: '/documents/1', status: 200 },
  { method: 'DELETE', path: '/sessions/current', status: 204 },
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness('readme', { admin: { email: 'admin@adoptions.local', password: 'change-me-please' } });
});
afterAll(async () => {
  await h?.close();
});

describe("the README's examples", () => {
  it('are all replayed here', () => {
    expect(readmeBodies.length).toBeGreaterThan(15);
    const replayed = new Set(steps.map((s) => s.body));
    expect(readmeBodies.filter((body) => !replayed.has(body))).toEqual([]);
  });

  it('succeed, in order, against the real app', async () => {
    let token = h.adminToken;
    for (const step of steps) {
      let body = step.body;
      if (body?.includes(codePlaceholder)) {
        const mail = h.mailer.sent.findLast((m) => m.to === 'vol@example.org' && /Reset/.test(m.subject))!;
        body = body.replace(codePlaceholder, /^ {2}(\S{43})$/m.exec(mail.text)![1]!);
      }
      const res = await h.call(step.method, step.path, { token, ...(body === undefined ? {} : { body }) });
      expect(res.status, `${step.method} ${step.path} ${JSON.stringify(res.body)}`).toBe(step.status);
      if (step.path === '/sessions') token = res.body.token;
    }
  });
});
