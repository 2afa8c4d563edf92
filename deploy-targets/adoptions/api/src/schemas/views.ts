import { z } from 'zod';
import { adoptionStateSchema } from '../adoptions/transitions.ts';
import { permissionSchema } from '../auth/permissions.ts';
import { animalEventKinds } from './animal-events.ts';
import { exportFormats, exportSubjects } from './exports.ts';

/**
 * What the API answers, as schemas: the OpenAPI document is generated from them (src/openapi/) and
 * the tests check every answer against that document.
 */
const id = z.string().regex(/^[1-9]\d*$/);
const timestamp = z.iso.datetime();
const day = z.iso.date();

export const errorView = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });

export const accountRowView = z.object({
  id,
  email: z.string(),
  name: z.string(),
  status: z.enum(['pending', 'accepted', 'rejected']),
  role: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  createdAt: timestamp,
});

export const signedInAccountView = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role: z.string(),
  permissions: z.array(permissionSchema),
});

export const sessionView = z.object({ token: z.string(), expiresAt: timestamp, account: signedInAccountView });

export const roleView = z.object({ name: z.string(), description: z.string(), permissions: z.array(permissionSchema) });

const animalFields = {
  id,
  name: z.string(),
  species: z.string(),
  breed: z.string().nullable(),
  sex: z.enum(['female', 'male', 'unknown']),
  birthDate: day.nullable(),
  description: z.string(),
  status: z.enum(['available', 'reserved', 'adopted']),
  createdAt: timestamp,
  updatedAt: timestamp,
};
export const animalView = z.object(animalFields);

const photoSize = z.object({ key: z.string(), width: z.int().positive(), height: z.int().positive() });
const photoSizes = <S extends z.ZodType>(size: S) => z.object({ thumb: size, card: size, full: size }).partial();
const photoFields = {
  id,
  key: z.string(),
  contentType: z.string(),
  width: z.int().positive().nullable(),
  height: z.int().positive().nullable(),
  createdAt: timestamp,
};
export const photoView = z.object({ ...photoFields, sizes: photoSizes(photoSize) });

export const animalListItemView = z.object({ ...animalFields, photoCount: z.int().nonnegative() });
export const animalDetailView = z.object({
  ...animalFields,
  photos: z.array(z.object({ ...photoFields, url: z.url(), sizes: photoSizes(photoSize.extend({ url: z.url() })) })),
});

export const uploadView = z.object({
  method: z.literal('PUT'),
  url: z.url(),
  key: z.string(),
  headers: z.record(z.string(), z.string()),
  expiresIn: z.int().positive(),
  bucket: z.string(),
});

export const animalEventView = z.object({
  id,
  kind: z.enum(animalEventKinds),
  occurredOn: day,
  description: z.string(),
  createdBy: id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
});

export const adopterView = z.object({
  id,
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string(),
  blackListed: z.boolean(),
  blackListedAt: timestamp.nullable(),
  blackListReason: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const adoptionRequestFields = {
  id,
  state: adoptionStateSchema,
  notes: z.string(),
  animalId: id,
  animalName: z.string(),
  adopterId: id,
  adopterName: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  nextStates: z.array(adoptionStateSchema),
};
export const adoptionRequestView = z.object(adoptionRequestFields);
export const adoptionRequestDetailView = z.object({
  ...adoptionRequestFields,
  events: z.array(
    z.object({
      from: adoptionStateSchema.nullable(),
      to: adoptionStateSchema,
      note: z.string(),
      actorId: id.nullable(),
      actorName: z.string().nullable(),
      at: timestamp,
    }),
  ),
});

const counts = z.array(z.object({ key: z.string(), count: z.int().nonnegative() }));
export const statisticsView = z.object({
  total: z.int().nonnegative(),
  byStatus: counts,
  bySpecies: counts,
  bySex: counts,
  requestsByState: counts,
  adoptionsByMonth: counts,
  events: counts,
});

export const documentView = z.object({
  id,
  subject: z.enum(exportSubjects),
  format: z.enum(exportFormats),
  filter: z.record(z.string(), z.string()),
  state: z.enum(['queued', 'running', 'ready', 'failed']),
  size: z.int().nonnegative().nullable(),
  rowCount: z.int().nonnegative().nullable(),
  error: z.string().nullable(),
  requestedBy: id,
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
