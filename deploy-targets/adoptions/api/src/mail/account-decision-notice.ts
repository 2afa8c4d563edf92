import type { MailMessage } from './mailer.ts';

export type AccountDecision =
  | { kind: 'accepted'; role: string }
  | { kind: 'rejected'; note: string | undefined };

export function accountDecisionNotice(to: { email: string; name: string }, decision: AccountDecision): MailMessage {
  if (decision.kind === 'accepted') {
    return {
      to: to.email,
      subject: 'Your adoptions account was accepted',
      text: `Hello ${to.name},\n\nYour account was accepted with the role "${decision.role}". You can sign in now.\n`,
    };
  }
  const reason = decision.note ? `\nReason: ${decision.note}\n` : '';
  return {
    to: to.email,
    subject: 'Your adoptions account request was declined',
    text: `Hello ${to.name},\n\nYour request for an account was declined.\n${reason}`,
  };
}
