import { z } from 'zod';
import { plainText } from './plain-text.ts';

const fields = {
  name: plainText().trim().min(1).max(120),
  email: z.email().max(254),
  phone: plainText().trim().max(40).nullable(),
  address: plainText().trim().max(500).nullable(),
  notes: plainText().max(5000),
};

export const adopterBody = z.object({
  name: fields.name,
  email: fields.email,
  phone: fields.phone.optional(),
  address: fields.address.optional(),
  notes: fields.notes.default(''),
});

export const adopterPatch = z
  .object(fields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'give at least one field to change');

export const blackListBody = z.object({ reason: plainText().trim().min(1).max(1000) });
