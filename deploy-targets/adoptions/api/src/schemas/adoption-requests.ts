import { z } from 'zod';
import { adoptionStateSchema } from '../adoptions/transitions.ts';

const id = z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/)]).transform(String);

export const adoptionRequestBody = z.object({
  animalId: id,
  adopterId: id,
  notes: z.string().max(5000).default(''),
});

export const transitionBody = z.object({ to: adoptionStateSchema, note: z.string().max(2000).default('') });

export const adoptionListQuery = z.object({ state: adoptionStateSchema.optional() });
