import { z } from 'zod';
import { adopterFilter, adoptionRequestFilter, animalFilter } from './filters.ts';

export const exportFormats = ['pdf', 'xlsx'] as const;
export const exportSubjects = ['animals', 'adopters', 'adoption-requests'] as const;
export type ExportSubject = (typeof exportSubjects)[number];
export type ExportFormat = (typeof exportFormats)[number];

const format = z.enum(exportFormats);

/** What to export, filtered as its list endpoint filters; an unknown filter field is a 400, not ignored. */
export const exportBody = z.discriminatedUnion('subject', [
  z.strictObject({ subject: z.literal('animals'), format, filter: z.strictObject(animalFilter.shape).default({}) }),
  z.strictObject({ subject: z.literal('adopters'), format, filter: z.strictObject(adopterFilter.shape).default({}) }),
  z.strictObject({ subject: z.literal('adoption-requests'), format, filter: z.strictObject(adoptionRequestFilter.shape).default({}) }),
]);
export type ExportRequest = z.infer<typeof exportBody>;
