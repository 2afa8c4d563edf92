import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';
import { logMailer } from '../src/mail/log-mailer.ts';
import { jsonLogger } from '../src/logger.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('accounts');
});
afterAll(async () => {
  await h?.close();
});

const password = 'correct-horse-battery';

describe('sign-up, decision, sign-in', () => {
  it('lets an accepted account sign in, and only then', async () => {
    const signUp = await h.call('POST', '/accounts', { body: { email: 'Ada@Example.test', name: 'Ada', password } });
    expect(signUp.status).toBe(201);
    expect(signUp.body.account).toMatchObject({ email: 'ada@example.test', status: 'pending', role: null });
    expect(JSON.stringify(signUp.body)).not.toContain('argon2');
    const id = signUp.body.account.id;

    const early = await h.call('POST', '/sessions', { body: { email: 'ada@example.test', password } });
    expect(early.status).toBe(403);
    expect(early.body.message).toMatch(/waiting/);

    const pending = await h.call('GET', '/accounts?status=pending', { token: h.adminToken });
    expect(pending.body.accounts.map((a: { id: string }) => a.id)).toContain(id);

    const accept = await h.call('POST', `/accounts/${id}/accept`, { token: h.adminToken, body: { role: 'staff' } });
    expect(accept.status).toBe(200);
    expect(accept.body.account).toMatchObject({ status: 'accepted', role: 'staff' });
    expect(h.mailer.sent.at(-1)).toMatchObject({ to: 'ada@example.test', subject: expect.stringMatching(/accepted/) });
    expect(h.mailer.sent.at(-1)?.text).toContain('"staff"');

    const session = await h.call('POST', '/sessions', { body: { email: 'ADA@example.test', password } });
    expect(session.status).toBe(200);
    expect(session.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(session.body.account.role).toBe('staff');
    expect(session.body.account.permissions).toContain('adoptions.decide');
    expect(session.body.account.permissions).not.toContain('roles.manage');

    const me = await h.call('GET', '/me', { token: session.body.token });
    expect(me.body.account.email).toBe('ada@example.test');

    const wrong = await h.call('POST', '/sessions', { body: { email: 'ada@example.test', password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
  });

  it('keeps a rejected account out and tells it why', async () => {
    const signUp = await h.call('POST', '/accounts', { body: { email: 'bob@example.test', name: 'Bob', password } });
    const id = signUp.body.account.id;
    const sentBefore = h.mailer.sent.length;
    const reject = await h.call('POST', `/accounts/${id}/reject`, { token: h.adminToken, body: { note: 'unknown to us' } });
    expect(reject.status).toBe(200);
    expect(reject.body.account.status).toBe('rejected');
    expect(h.mailer.sent).toHaveLength(sentBefore + 1);
    expect(h.mailer.sent.at(-1)).toMatchObject({ to: 'bob@example.test', subject: expect.stringMatching(/declined/) });
    expect(h.mailer.sent.at(-1)?.text).toContain('unknown to us');

    const session = await h.call('POST', '/sessions', { body: { email: 'bob@example.test', password } });
    expect(session.status).toBe(403);
    expect(session.body.message).toMatch(/declined/);
  });

  it('decides an account once: a second decision is a conflict and sends nothing', async () => {
    const signUp = await h.call('POST', '/accounts', { body: { email: 'cy@example.test', name: 'Cy', password } });
    const id = signUp.body.account.id;
    expect((await h.call('POST', `/accounts/${id}/accept`, { token: h.adminToken, body: {} })).body.account.role).toBe(
      'volunteer',
    );
    const sent = h.mailer.sent.length;
    const again = await h.call('POST', `/accounts/${id}/reject`, { token: h.adminToken, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('the account is already accepted');
    expect(h.mailer.sent).toHaveLength(sent);
    expect((await h.call('POST', '/accounts/999999/accept', { token: h.adminToken, body: {} })).status).toBe(404);
  });

  it('refuses an unknown role and a taken e-mail', async () => {
    const signUp = await h.call('POST', '/accounts', { body: { email: 'dee@example.test', name: 'Dee', password } });
    const bad = await h.call('POST', `/accounts/${signUp.body.account.id}/accept`, {
      token: h.adminToken,
      body: { role: 'wizard' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ path: 'role', message: 'no role named wizard' }]);
    const dup = await h.call('POST', '/accounts', { body: { email: 'DEE@example.test', name: 'Dee 2', password } });
    expect(dup.status).toBe(409);
  });

  it('lets only account managers decide', async () => {
    const staff = await h.member('staff');
    const signUp = await h.call('POST', '/accounts', { body: { email: 'eve@example.test', name: 'Eve', password } });
    const attempt = await h.call('POST', `/accounts/${signUp.body.account.id}/accept`, { token: staff.token, body: {} });
    expect(attempt.status).toBe(403);
    expect((await h.call('GET', '/accounts', { token: staff.token })).status).toBe(403);
    expect((await h.call('GET', '/accounts')).status).toBe(401);
  });

  it('changes a role, and the next request sees the new permissions', async () => {
    const member = await h.member('volunteer');
    expect((await h.call('POST', '/animals', { token: member.token, body: { name: 'X', species: 'cat' } })).status).toBe(403);
    const change = await h.call('PUT', `/accounts/${member.id}/role`, { token: h.adminToken, body: { role: 'staff' } });
    expect(change.status).toBe(200);
    expect((await h.call('POST', '/animals', { token: member.token, body: { name: 'X', species: 'cat' } })).status).toBe(201);
    const self = await h.call('GET', '/me', { token: h.adminToken });
    const own = await h.call('PUT', `/accounts/${self.body.account.id}/role`, { token: h.adminToken, body: { role: 'staff' } });
    expect(own.status).toBe(409);
  });
});

describe('log mailer', () => {
  it('logs recipient and subject but not the body', async () => {
    const lines: string[] = [];
    await logMailer(jsonLogger((l) => lines.push(l))).send({ to: 'a@example.test', subject: 'Hi', text: 'private note' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', message: 'mail sent', to: 'a@example.test', subject: 'Hi' });
    expect(lines[0]).not.toContain('private note');
  });
});
