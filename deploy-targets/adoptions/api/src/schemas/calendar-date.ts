import { z } from 'zod';

/**
 * A `YYYY-MM-DD` date between 1900 and 2999: real calendar dates only (zod checks month lengths),
 * and a range PostgreSQL's `date` and the people using the app both make sense of.
 */
export const calendarDate = () =>
  z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2999-12-31', 'a date between 1900-01-01 and 2999-12-31');
