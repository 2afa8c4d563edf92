import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Policy } from '../src/policy/policy-schema.ts';

/** A policy file's content, as the operator would write it (the schema's input form). */
export type PolicyFile = { repositories: Partial<Policy['repositories'][number]>[] };

/**
 * The sandbox's policy: every repository may use every app, bucket, endpoint and variable, and
 * reach loopback, where the fake GitHub, the Heroku stand-in and s3rver all listen. Tests of the
 * policy itself write their own.
 */
export function openSandboxPolicy(s3Endpoint?: string): PolicyFile {
  return {
    repositories: [
      {
        name: '*/*',
        heroku_apps: ['*'],
        s3_buckets: [{ bucket: '*', prefix: '' }],
        s3_endpoints: s3Endpoint ? [new URL(s3Endpoint).origin] : [],
        variables: ['*'],
        network: ['127.0.0.0/8'],
      },
    ],
  };
}

/** Writes the policy into `dir` and returns its path (for RUNWAY_POLICY). */
export function writePolicyFile(dir: string, policy: PolicyFile): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'runway-policy.yml');
  writeFileSync(file, stringify(policy));
  return file;
}
