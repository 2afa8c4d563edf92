import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('sessions');
});
afterAll(async () => {
  await h?.close();
});

const signIn = async (email: string, password: string): Promise<string> =>
  (await h.call('POST', '/sessions', { body: { email, password } })).body.token;

describe('signing out', () => {
  it('ends this token only; other sessions of the account keep working', async () => {
    const email = 'two-devices@example.test';
    const phone = (await h.member('volunteer', email)).token;
    const laptop = await signIn(email, 'member-password-123');
    expect((await h.call('DELETE', '/sessions/current', { token: phone })).status).toBe(204);
    const after = await h.call('GET', '/me', { token: phone });
    expect(after).toMatchObject({ status: 401, body: { message: 'signed out; sign in again' } });
    expect((await h.call('DELETE', '/sessions/current', { token: phone })).status).toBe(401);
    expect((await h.call('GET', '/me', { token: laptop })).status).toBe(200);
  });

  it('needs a token', async () => {
    expect((await h.call('DELETE', '/sessions/current')).status).toBe(401);
  });
});

describe('changing the password', () => {
  it('keeps this session and ends the others', async () => {
    const email = 'rotate@example.test';
    const current = (await h.member('staff', email)).token;
    const other = await signIn(email, 'member-password-123');
    const wrong = await h.call('PUT', '/me/password', {
      token: current,
      body: { currentPassword: 'not-it-at-all', newPassword: 'brand-new-password' },
    });
    expect(wrong.status).toBe(403);
    expect((await h.call('GET', '/me', { token: other })).status).toBe(200);
    const changed = await h.call('PUT', '/me/password', {
      token: current,
      body: { currentPassword: 'member-password-123', newPassword: 'brand-new-password' },
    });
    expect(changed.status).toBe(204);
    expect((await h.call('GET', '/me', { token: current })).status).toBe(200);
    expect((await h.call('GET', '/me', { token: other })).status).toBe(401);
    expect(h.mailer.sent.at(-1)).toMatchObject({ to: email, subject: 'Your adoptions profile was modified' });
  });
});
