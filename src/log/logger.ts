import { pino, type Logger } from 'pino';
import type { Redactor } from './redactor.ts';

/** The server log: JSON lines on stdout, secrets replaced at the sink. */
export function createLogger(options: { level: string; redactor: Redactor; name?: string }): Logger {
  return pino({
    name: options.name ?? 'runway',
    level: options.level,
    hooks: { streamWrite: (line) => options.redactor.redact(line) },
  });
}
