import type { MailMessage, Mailer } from './mailer.ts';

export type RecordingMailer = Mailer & { readonly sent: MailMessage[] };

/** Keeps every message in memory, for tests and local runs. */
export function recordingMailer(): RecordingMailer {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
  };
}
