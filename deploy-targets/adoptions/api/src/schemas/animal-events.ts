import { z } from 'zod';
import { calendarDate } from './calendar-date.ts';
import { plainText } from './plain-text.ts';

/** Kept in step with the CHECK on animal_events.kind (migrations/005_animal_events.sql). */
export const animalEventKinds = [
  'arrival',
  'vaccination',
  'deworming',
  'vet_visit',
  'sterilization',
  'treatment',
  'foster',
  'return',
  'other',
] as const;

export const animalEventBody = z.object({
  kind: z.enum(animalEventKinds),
  occurredOn: calendarDate(),
  description: plainText().trim().max(5000).default(''),
});
