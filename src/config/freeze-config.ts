import { Cron } from 'croner';
import { z } from 'zod';
import { DURATION_PATTERN } from '../flow/duration.ts';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** Why croner refuses a schedule, or undefined when it parses. */
function scheduleProblem(schedule: string, timeZone: string): string | undefined {
  try {
    new Cron(schedule, { timezone: timeZone, paused: true });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** One freeze window of an environment: it opens on `schedule` (cron, in `time_zone`) and lasts `duration`. */
export const freezeWindow = z
  .object({
    schedule: z.string().min(1).describe('Cron pattern (croner: 5 or 6 fields) of when the window opens, e.g. `0 18 * * FRI`'),
    duration: z.string().regex(DURATION_PATTERN, 'must be <n>m, <n>h or <n>d').describe('How long the window stays closed, e.g. `64h`'),
    time_zone: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').describe('IANA time zone'),
    merges: z
      .enum(['queue', 'refuse'])
      .default('queue')
      .describe('`queue`: merges wait and deploy when the window ends; `refuse`: merges are not deployed'),
  })
  .strict()
  .superRefine((w, ctx) => {
    const problem = scheduleProblem(w.schedule, w.time_zone);
    if (problem) ctx.addIssue({ code: 'custom', path: ['schedule'], message: `is not a cron schedule croner reads: ${problem}` });
  });

export type FreezeWindowConfig = z.infer<typeof freezeWindow>;
