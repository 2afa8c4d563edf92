/** One JSON line per entry on stdout, which Heroku's router collects. Never pass secrets here. */
export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const log = (level: string) => (message: string, fields: Record<string, unknown> = {}) =>
    write(JSON.stringify({ level, time: new Date().toISOString(), message, ...fields }));
  return { info: log('info'), error: log('error') };
}
