import { z } from 'zod';
import { adoptionStateSchema } from '../adoptions/transitions.ts';
import { calendarDate } from './calendar-date.ts';
import { plainText } from './plain-text.ts';

/** Filters shared by the list endpoints (as query strings) and the exports (as JSON). */
const search = plainText().trim().max(120);

export const animalFilter = z.object({
  status: z.enum(['available', 'reserved', 'adopted']).optional(),
  species: search.optional(),
  sex: z.enum(['female', 'male', 'unknown']).optional(),
  /** Matches name, breed or description, ignoring case. */
  q: search.optional(),
});

export const adopterFilter = z.object({
  /** Matches name, e-mail or phone, ignoring case. */
  q: search.optional(),
  blackListed: z.enum(['true', 'false']).optional(),
});

export const adoptionRequestFilter = z.object({
  state: adoptionStateSchema.optional(),
  /** Filed on or after / on or before (UTC days). */
  from: calendarDate().optional(),
  to: calendarDate().optional(),
});

export type AnimalFilter = z.infer<typeof animalFilter>;
export type AdopterFilter = z.infer<typeof adopterFilter>;
export type AdoptionRequestFilter = z.infer<typeof adoptionRequestFilter>;

/** `%` and `_` in a search are letters, not wildcards. */
export const likePattern = (q: string | undefined) => (q ? `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null);
