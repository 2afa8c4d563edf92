import { z } from 'zod';

/**
 * A string PostgreSQL can store: `text` columns refuse U+0000, which JSON allows, so it is refused
 * here with a 400 rather than by the database with a 500.
 */
export const plainText = () => z.string().refine((s) => !s.includes('\u0000'), 'must not contain NUL (U+0000) characters');
