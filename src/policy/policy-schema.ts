import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/**
 * The operator's policy file (`RUNWAY_POLICY`, YAML): which shared resources each repository's
 * config may use. Modelled on Atlantis' server-side repo config: a list of entries, each matching
 * repositories and granting them resources; a repository gets the union of the entries it matches.
 */

const glob = z.string().min(1);

const cidr = z
  .string()
  .refine((v) => ipaddr.isValidCIDR(v) || ipaddr.isValid(v), 'must be an IP address or a CIDR range such as 10.0.0.0/8')
  .transform((v) => (ipaddr.isValidCIDR(v) ? v : `${v}/${ipaddr.parse(v).kind() === 'ipv4' ? 32 : 128}`));

const bucketGrant = z
  .object({
    bucket: glob.describe('Bucket name or glob'),
    prefix: z
      .string()
      .refine((p) => p === '' || p.endsWith('/'), "must be '' (the whole bucket) or end with '/'")
      .default('')
      .describe("The config's prefix must be this one or below it; '' grants the whole bucket"),
  })
  .strict();

const endpoint = z
  .url({ protocol: /^https?$/ })
  .transform((u) => new URL(u).origin)
  .describe('An S3-compatible endpoint the config may name (compared by origin)');

const repositoryEntry = z
  .object({
    name: glob.optional().describe('owner/name glob, case-insensitive (acme/*, acme/web-*)'),
    ids: z.array(z.number().int().positive()).min(1).optional().describe('Repository ids: they survive renames'),
    heroku_apps: z.array(glob).default([]),
    s3_buckets: z.array(bucketGrant).default([]),
    s3_endpoints: z.array(endpoint).default([]),
    variables: z.array(glob).default([]).describe('Server variables that from_env and notifiers may name'),
    network: z.array(cidr).default([]).describe('Private, loopback or link-local ranges its commands and checks may reach'),
  })
  .strict()
  .refine((e) => e.name !== undefined || e.ids !== undefined, 'needs a name glob, ids, or both');

export const policySchema = z.object({ repositories: z.array(repositoryEntry) }).strict();

export type Policy = z.infer<typeof policySchema>;
export type PolicyEntry = z.infer<typeof repositoryEntry>;
export type BucketGrant = z.infer<typeof bucketGrant>;
