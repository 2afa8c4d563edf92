import { z } from 'zod';

const fields = {
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254),
  phone: z.string().trim().max(40).nullable(),
  address: z.string().trim().max(500).nullable(),
  notes: z.string().max(5000),
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
