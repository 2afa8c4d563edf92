import type { Logger } from '../logger.ts';
import type { MailMessage, Mailer } from './mailer.ts';

/** Sends a notice; `false` when the mail server refused or was unreachable. */
export type Notifier = (message: MailMessage) => Promise<boolean>;

/**
 * The account change a notice reports is already saved when it is sent, so a mail server that is
 * down must not turn that change into a 500: the failure is logged (recipient and subject only;
 * bodies can hold reset codes) and the answer says `notified: false`.
 */
export function notifier(mailer: Mailer, logger: Logger): Notifier {
  return async (message) => {
    try {
      await mailer.send(message);
      return true;
    } catch (error) {
      logger.error('mail not sent', { to: message.to, subject: message.subject, error: (error as Error).message });
      return false;
    }
  };
}
