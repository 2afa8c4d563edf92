import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';

export type SmtpSettings = {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; may hold a password, so it is never logged. */
  url: string;
  from: string;
};

/** Sends over SMTP (Gmail, SES, Mailgun, a local catcher, …) with nodemailer. */
export function smtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport(settings.url);
  return {
    async send(message) {
      await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
