import { z } from 'zod';
import { calendarDate } from './calendar-date.ts';
import { plainText } from './plain-text.ts';

export const animalBody = z.object({
  name: plainText().trim().min(1).max(120),
  species: plainText().trim().min(1).max(60),
  breed: plainText().trim().max(120).nullable().optional(),
  sex: z.enum(['female', 'male', 'unknown']).default('unknown'),
  birthDate: calendarDate().nullable().optional(),
  description: plainText().max(5000).default(''),
});

export const animalPatch = z
  .object({
    name: plainText().trim().min(1).max(120),
    species: plainText().trim().min(1).max(60),
    breed: plainText().trim().max(120).nullable(),
    sex: z.enum(['female', 'male', 'unknown']),
    birthDate: calendarDate().nullable(),
    description: plainText().max(5000),
    status: z.enum(['available', 'reserved', 'adopted']),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'give at least one field to change');

/** The photo types a browser can show; the extension is chosen here, never taken from the client. */
export const photoTypes = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' } as const;

export const uploadUrlBody = z.object({
  contentType: z.enum(Object.keys(photoTypes) as [keyof typeof photoTypes, ...(keyof typeof photoTypes)[]]),
});

export const photoBody = z.object({ key: plainText().min(1).max(300) });
