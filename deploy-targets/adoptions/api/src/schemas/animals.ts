import { z } from 'zod';

export const animalBody = z.object({
  name: z.string().trim().min(1).max(120),
  species: z.string().trim().min(1).max(60),
  breed: z.string().trim().max(120).nullable().optional(),
  sex: z.enum(['female', 'male', 'unknown']).default('unknown'),
  birthDate: z.iso.date().nullable().optional(),
  description: z.string().max(5000).default(''),
});

export const animalPatch = z
  .object({
    name: z.string().trim().min(1).max(120),
    species: z.string().trim().min(1).max(60),
    breed: z.string().trim().max(120).nullable(),
    sex: z.enum(['female', 'male', 'unknown']),
    birthDate: z.iso.date().nullable(),
    description: z.string().max(5000),
    status: z.enum(['available', 'reserved', 'adopted']),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'give at least one field to change');

export const animalListQuery = z.object({ status: z.enum(['available', 'reserved', 'adopted']).optional() });

/** The photo types a browser can show; the extension is chosen here, never taken from the client. */
export const photoTypes = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' } as const;

export const uploadUrlBody = z.object({
  contentType: z.enum(Object.keys(photoTypes) as [keyof typeof photoTypes, ...(keyof typeof photoTypes)[]]),
});

export const photoBody = z.object({ key: z.string().min(1).max(300) });
