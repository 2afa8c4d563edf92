import { z } from 'zod';

export const role = z.enum(['admin', 'publisher', 'consumer']);
export type Role = z.infer<typeof role>;
