import type { MailMessage } from './mailer.ts';

export type ProfileChange = 'name' | 'email' | 'password' | 'role';

const described: Record<ProfileChange, string> = {
  name: 'your name',
  email: 'your e-mail address',
  password: 'your password',
  role: 'your role (what you may do in the app)',
};

/** "Your profile was modified", as the specification asks, naming what changed but never the new secret. */
export function profileChangeNotice(to: { email: string; name: string }, changes: readonly ProfileChange[]): MailMessage {
  const lines = changes.map((change) => `- ${described[change]}`).join('\n');
  return {
    to: to.email,
    subject: 'Your adoptions profile was modified',
    text: `Hello ${to.name},\n\nThese parts of your profile were changed:\n${lines}\n\nIf you did not expect this, tell an administrator.\n`,
  };
}
