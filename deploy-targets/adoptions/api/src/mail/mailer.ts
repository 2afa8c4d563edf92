export type MailMessage = { to: string; subject: string; text: string };

/** Where notices go. Swap in an SMTP or API-backed mailer by implementing this. */
export type Mailer = { send(message: MailMessage): Promise<void> };
