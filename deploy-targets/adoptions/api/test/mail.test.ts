import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../src/mail/smtp-mailer.ts';
import { readSettings } from '../src/settings.ts';
import { adminEmail, startHarness, type Harness } from './support/harness.ts';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp-catcher.ts';

let h: Harness;
let smtp: SmtpCatcher;
const webUrl = 'http://web.example.test';
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  h = await startHarness('mail', { mailer: smtpMailer({ url: smtp.url, from: 'Adoptions <no-reply@example.test>' }), webUrl });
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

const password = 'first-password-123';
async function signUp(email: string) {
  const created = await h.call('POST', '/accounts', { body: { email, name: 'Rosa', password } });
  expect(created.status).toBe(201);
  return created.body.account.id as string;
}
const signIn = (email: string, pw: string) => h.call('POST', '/sessions', { body: { email, password: pw } });

describe('e-mails over SMTP', () => {
  it('tells a person their account was accepted, from the configured sender', async () => {
    const id = await signUp('rosa@example.test');
    const accepted = await h.call('POST', `/accounts/${id}/accept`, { token: h.adminToken, body: { role: 'staff' } });
    expect(accepted.body.notified).toBe(true);
    const mail = await smtp.next('rosa@example.test', /was accepted/);
    expect(mail.from).toBe('no-reply@example.test');
    expect(mail.text).toContain('role "staff"');
  });

  it('tells a person their account was declined, with the reason', async () => {
    const id = await signUp('ana@example.test');
    await h.call('POST', `/accounts/${id}/reject`, { token: h.adminToken, body: { note: 'not a volunteer here' } });
    expect((await smtp.next('ana@example.test', /declined/)).text).toContain('Reason: not a volunteer here');
  });

  it('tells a person when an administrator changes their role', async () => {
    const member = await h.member('volunteer', 'vol-role@example.test');
    const changed = await h.call('PUT', `/accounts/${member.id}/role`, { token: h.adminToken, body: { role: 'staff' } });
    expect(changed.body).toMatchObject({ account: { role: 'staff' }, notified: true });
    expect((await smtp.next('vol-role@example.test', /profile was modified/)).text).toContain('your role');
  });

  it('tells both the old and the new address when the e-mail of a profile changes', async () => {
    const member = await h.member('volunteer', 'old-address@example.test');
    const res = await h.call('PATCH', '/me', { token: member.token, body: { email: 'New-Address@example.test', name: 'Neo' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ account: { email: 'new-address@example.test', name: 'Neo' }, changed: ['name', 'email'], notified: true });
    expect((await smtp.next('old-address@example.test', /profile was modified/)).text).toContain('your e-mail address');
    expect((await smtp.next('new-address@example.test', /profile was modified/)).text).toContain('your name');
    const taken = await h.call('PATCH', '/me', { token: member.token, body: { email: adminEmail } });
    expect(taken.status).toBe(409);
  });
});

describe('password reset by e-mail', () => {
  it('mails a one-time code that sets a new password and signs out every old session', async () => {
    const member = await h.member('volunteer', 'forgetful@example.test');
    const asked = await h.call('POST', '/password-resets', { body: { email: 'Forgetful@Example.test' } });
    expect(asked.status).toBe(202);
    const mail = await smtp.next('forgetful@example.test', /Reset your adoptions password/);
    const code = /^ {2}([A-Za-z0-9_-]{43})$/m.exec(mail.text)?.[1];
    expect(code).toBeDefined();
    expect(mail.text).toContain(`${webUrl}/#/reset-password?code=${code}`);

    const short = await h.call('POST', '/password-resets/confirm', { body: { code, newPassword: 'short' } });
    expect(short.status).toBe(400);
    const done = await h.call('POST', '/password-resets/confirm', { body: { code, newPassword: 'second-password-456' } });
    expect(done.status).toBe(204);
    expect((await h.call('GET', '/me', { token: member.token })).status).toBe(401);
    expect((await signIn('forgetful@example.test', 'member-password-123')).status).toBe(401);
    expect((await signIn('forgetful@example.test', 'second-password-456')).status).toBe(200);
    expect((await smtp.next('forgetful@example.test', /profile was modified/)).text).toContain('your password');

    const again = await h.call('POST', '/password-resets/confirm', { body: { code, newPassword: 'third-password-789' } });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_code' } });
  });

  it('answers the same for an unknown or pending e-mail and sends nothing', async () => {
    await signUp('pending-reset@example.test');
    const before = smtp.mails.length;
    for (const email of ['nobody@example.test', 'pending-reset@example.test']) {
      const res = await h.call('POST', '/password-resets', { body: { email } });
      expect(res).toMatchObject({ status: 202, body: { message: 'if an active account has this e-mail, a reset code is on its way' } });
    }
    // Another mail sent afterwards arrives, and is the only new one: nothing went to the two above.
    await h.call('POST', '/password-resets', { body: { email: adminEmail } });
    await smtp.next(adminEmail, /Reset/);
    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([[adminEmail]]);
  });

  it('refuses a made-up code', async () => {
    const res = await h.call('POST', '/password-resets/confirm', { body: { code: 'A'.repeat(43), newPassword: 'whatever-password' } });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_code' } });
  });
});

describe('when the mail server is down', () => {
  it('keeps the decision, answers notified: false and logs no message body', async () => {
    const down = await startSmtpCatcher();
    await down.close();
    const broken = await startHarness('mail_down', { mailer: smtpMailer({ url: down.url, from: 'x@example.test' }) });
    try {
      const created = await broken.call('POST', '/accounts', { body: { email: 'late@example.test', name: 'Late', password } });
      const res = await broken.call('POST', `/accounts/${created.body.account.id}/accept`, { token: broken.adminToken, body: {} });
      expect(res.body).toMatchObject({ account: { status: 'accepted' }, notified: false });
      await broken.call('POST', '/password-resets', { body: { email: adminEmail } });
      const failures = broken.logLines.filter((line) => line.includes('mail not sent'));
      expect(failures).toHaveLength(2);
      expect(failures.join('\n')).not.toMatch(/[A-Za-z0-9_-]{43}|mail-secret/);
    } finally {
      await broken.close();
    }
  });
});

describe('mail settings', () => {
  const env = { DATABASE_URL: 'postgres://x@127.0.0.1/x', STORAGE_BUCKET: 'uploads', JWT_SECRET: 'x'.repeat(32) };
  it('needs SMTP_URL for MAIL_TRANSPORT=smtp, and defaults to logging', () => {
    expect(readSettings(env).mail).toEqual({ transport: 'log' });
    expect(() => readSettings({ ...env, MAIL_TRANSPORT: 'smtp' })).toThrow(/SMTP_URL is required when MAIL_TRANSPORT=smtp/);
    expect(() => readSettings({ ...env, MAIL_TRANSPORT: 'smtp', SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL must be/);
    const s = readSettings({ ...env, MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtps://u:p@smtp.gmail.com:465', MAIL_FROM: 'Shelter <s@example.org>' });
    expect(s.mail).toEqual({ transport: 'smtp', smtp: { url: 'smtps://u:p@smtp.gmail.com:465', from: 'Shelter <s@example.org>' } });
  });
});

