import { z } from 'zod';
import { adoptionStateSchema } from '../adoptions/transitions.ts';
import { plainText } from './plain-text.ts';
import { rowId } from './row-id.ts';

export const adoptionRequestBody = z.object({
  animalId: rowId,
  adopterId: rowId,
  notes: plainText().max(5000).default(''),
});

export const transitionBody = z.object({ to: adoptionStateSchema, note: plainText().max(2000).default('') });
