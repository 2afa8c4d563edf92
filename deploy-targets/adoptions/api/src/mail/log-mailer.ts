import type { Logger } from '../logger.ts';
import type { Mailer } from './mailer.ts';

/** The default mailer: logs who was told what (recipient and subject only; bodies may hold personal notes). */
export function logMailer(logger: Logger): Mailer {
  return {
    async send(message) {
      logger.info('mail sent', { to: message.to, subject: message.subject });
    },
  };
}
