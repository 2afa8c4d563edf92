import { z } from 'zod';
import { ProviderError } from '../../deployments/errors.ts';

// The slices of Heroku's answers that the steps read (Platform API reference, @heroku-cli/schema).
// Loose objects: Heroku adds fields freely.

export const appSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  web_url: z.string().nullish(),
});

export const sourceSchema = z.looseObject({
  source_blob: z.looseObject({ get_url: z.string(), put_url: z.string() }),
});

export const buildSchema = z.looseObject({
  id: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  output_stream_url: z.string().nullish(),
  release: z.looseObject({ id: z.string() }).nullish(),
});

export const releaseSchema = z.looseObject({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  current: z.boolean(),
  output_stream_url: z.string().nullish(),
  description: z.string().nullish(),
  slug: z.looseObject({ id: z.string() }).nullish(),
});

/** A slug: the built app a release runs (`GET /apps/{app}/slugs/{id}`). */
export const slugSchema = z.looseObject({
  id: z.string(),
  commit: z.string().nullish(),
});

export const releaseListSchema = z.array(releaseSchema);

export const dynoSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  attach_url: z.string().nullish(),
  state: z.string().optional(),
});

export const configVarsSchema = z.record(z.string(), z.string().nullable());

export const addonListSchema = z.array(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    addon_service: z.looseObject({ name: z.string() }),
    config_vars: z.array(z.string()).default([]),
  }),
);

/** A pg-backups transfer as the data API describes it (`/client/v11/...`). */
export const transferSchema = z.looseObject({
  uuid: z.string(),
  num: z.number().int(),
  finished_at: z.string().nullish(),
  succeeded: z.boolean().nullish(),
  from_name: z.string().nullish(),
});

export type HerokuApp = z.infer<typeof appSchema>;
export type HerokuBuild = z.infer<typeof buildSchema>;
export type HerokuRelease = z.infer<typeof releaseSchema>;
export type HerokuDyno = z.infer<typeof dynoSchema>;
export type BackupTransfer = z.infer<typeof transferSchema>;

/** Checks an answer at the edge; a shape we cannot read is Heroku's (or a fake's) fault, not the user's. */
export function parseAnswer<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : '';
    throw new ProviderError(`Heroku's ${what} has an unexpected shape${where}`);
  }
  return result.data;
}
