import type { MailMessage } from './mailer.ts';

/** The one-time code, and a link to the web app's reset page when its address is known. */
export function passwordResetNotice(
  to: { email: string; name: string },
  reset: { code: string; expiresInMinutes: number; webUrl: string | undefined },
): MailMessage {
  const link = reset.webUrl ? `\nOr open ${reset.webUrl.replace(/\/$/, '')}/#/reset-password?code=${reset.code}\n` : '';
  return {
    to: to.email,
    subject: 'Reset your adoptions password',
    text:
      `Hello ${to.name},\n\nSomeone asked to reset the password of your account. If it was you, use this code ` +
      `within ${reset.expiresInMinutes} minutes:\n\n  ${reset.code}\n${link}\nIf it was not you, ignore this message.\n`,
  };
}
