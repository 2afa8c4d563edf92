import { z } from 'zod';
import { freezeWindow } from './freeze-config.ts';

/**
 * The repository config, `.github/deploy.yml`. The TypeScript types and the committed JSON Schema
 * (docs/deploy-config.schema.json) are both generated from this one schema.
 */

/**
 * Runway's own settings and credentials. A repository names server variables to send to its apps
 * (`from_env`) or to reach its chat; naming one of these would ship Runway's GitHub key or cloud
 * credentials to whoever can edit the repository's config, so the schema refuses them.
 */
const runwayOwnVariables = new Set([
  'APP_ID',
  'PRIVATE_KEY',
  'PRIVATE_KEY_PATH',
  'WEBHOOK_SECRET',
  'GHE_HOST',
  'GHE_PROTOCOL',
  'DATABASE_URL',
  'HEROKU_API_TOKEN',
  'HEROKU_API_URL',
  'HEROKU_DATA_API_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_ENDPOINT_URL_S3',
  'AWS_PROFILE',
  'GITHUB_TOKEN',
  'GH_TOKEN',
]);

const envVarName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be the NAME of a server environment variable')
  .refine(
    (name) => !runwayOwnVariables.has(name) && !name.startsWith('RUNWAY_'),
    "names one of Runway's own settings, which are never sent anywhere",
  );
const relativePath = z.string().refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'must be a path inside the repository');

/** Runway requests some of these URLs itself (checks, S3 endpoints): no file:, data: or other schemes. */
const httpUrl = () => z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** A value sent to a provider: a literal, or the name of a server environment variable (sent, never logged). */
const configValue = z.union([z.string(), z.object({ from_env: envVarName }).strict()]);

const commandSection = z
  .object({
    provider: z.literal('command'),
    run: z.string().min(1).describe('Shell command, run in `path` of a checkout at the deployment SHA'),
    path: relativePath.default('.'),
    url: httpUrl().optional().describe('The URL this step publishes (becomes `backend.url` / the environment URL)'),
    env: z.record(z.string(), z.string()).default({}).describe('Extra environment; `${{ backend.url }}` is substituted'),
    network: z
      .enum(['open', 'none'])
      .default('open')
      .describe('`none` runs the command with no network at all; `open` reaches the internet but not private addresses'),
    timeout_seconds: z
      .number()
      .int()
      .positive()
      .max(6 * 3600)
      .default(1800),
  })
  .strict();

/**
 * The health check proves that the new release answers: a response header or a top-level JSON body
 * field carrying the commit (Heroku's HEROKU_SLUG_COMMIT) or the release version (HEROKU_RELEASE_VERSION, `v12`).
 */
const healthcheckRelease = z
  .object({
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name')
      .optional(),
    body_field: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,64}$/, 'must be a top-level JSON field name')
      .optional(),
    value: z
      .enum(['commit', 'release'])
      .default('commit')
      .describe('`commit`: the deployed sha; `release`: the new release version (`v12`)'),
  })
  .strict()
  .refine((r) => (r.header === undefined) !== (r.body_field === undefined), 'needs exactly one of header and body_field');

const herokuBackend = z
  .object({
    provider: z.literal('heroku'),
    app: z.string().regex(/^[a-z][a-z0-9-]{1,29}$/, 'must be a Heroku app name'),
    path: relativePath.default('.').describe('Folder of the app (Procfile at its top)'),
    seed: z.string().min(1).optional().describe('Command run as a one-off dyno after the release went live'),
    healthcheck: z.string().startsWith('/').optional().describe('Path on web_url that must answer 2xx'),
    healthcheck_timeout_seconds: z.number().int().positive().max(900).default(60),
    healthcheck_release: healthcheckRelease
      .optional()
      .describe('Where the health check answer names its release, so that only the NEW release counts (not an old dyno)'),
    seed_timeout_seconds: z
      .number()
      .int()
      .positive()
      .max(6 * 3600)
      .default(1800)
      .describe('Hard limit on the seed dyno, however much it prints'),
    backup: z.boolean().default(false).describe('Capture a database backup before the release'),
    config_vars: z.record(z.string(), configValue).default({}),
  })
  .strict();

const s3Frontend = z
  .object({
    provider: z.literal('s3'),
    path: relativePath.default('.'),
    build: z.string().min(1).optional().describe('Build command, run in `path`'),
    output: relativePath.default('dist').describe('Build output folder, relative to `path`'),
    env: z.record(z.string(), z.string()).default({}).describe('Build environment; `${{ backend.url }}` is substituted'),
    network: z
      .enum(['open', 'none'])
      .default('open')
      .describe('`none` runs the build with no network at all; `open` reaches the internet but not private addresses'),
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
    region: z.string().default('us-east-1'),
    prefix: z.string().default('').describe('Key prefix, so that one bucket can hold several sites'),
    endpoint: httpUrl().optional().describe('S3-compatible endpoint; default: AWS_ENDPOINT_URL_S3 or AWS'),
    force_path_style: z.boolean().default(false),
    site_url: httpUrl().optional().describe('Where the site is served; checked by the smoke step'),
    concurrency: z.number().int().min(1).max(128).default(16),
    keep_stale_seconds: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Keep files that the new release no longer uses this long before deleting them'),
    verify_hours: z
      .number()
      .min(0)
      .default(24)
      .describe(
        "List the whole bucket to check it against the live manifest when the last listing is this old; between, Runway's own last manifest stands for the listing. 0 lists on every sync",
      ),
    cache_control: z
      .object({
        immutable: z.string().default('public, max-age=31536000, immutable'),
        default: z.string().default('no-cache'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

const backend = z.discriminatedUnion('provider', [herokuBackend, commandSection]);
const frontend = z.discriminatedUnion('provider', [s3Frontend, commandSection]);

const permission = z.enum(['read', 'triage', 'write', 'maintain', 'admin']);

/** Deploy flow (issue 14 items 1–3): which CI checks a deployment waits for, superseding, holds. */
const checkName = z.string().min(1).max(255);
const flowFields = {
  checks: z
    .union([z.enum(['required', 'all', 'none']), z.array(checkName).min(1)])
    .default('required')
    .describe(
      "CI checks a deployment waits for: the branch's required checks (branch protection and rulesets), all checks on the commit, none, or these names",
    ),
  checks_timeout_minutes: z
    .number()
    .positive()
    .max(7 * 24 * 60)
    .default(60)
    .describe('How long a deployment waits for its checks before it ends `error`'),
  supersede: z
    .boolean()
    .default(true)
    .describe('When several merges wait for this environment, ship only the newest; the others become inactive'),
  hold_after_undo: z
    .boolean()
    .default(false)
    .describe('A failed deployment that rolled back a live release also holds the environment until /resume, as /rollback does'),
};
/** Who may deploy: shared by environments and previews (each with its own). */
const deployersSchema = () =>
  z
    .object({
      permission: permission.default('write'),
      users: z.array(z.string()).optional().describe('Only these logins may deploy (in addition to the permission)'),
      apps: z
        .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/, 'must be a GitHub App slug, without [bot]'))
        .default([])
        .describe('GitHub Apps whose bot (`<slug>[bot]`) may deploy; bots are refused unless listed'),
    })
    .strict()
    .prefault({});

/** What starts a deployment of an environment (issue 14 item 7); read from the default branch only. */
const trigger = z
  .union(
    [
      z.enum(['merge', 'push']),
      z.object({ tag: z.string().min(1).max(200).describe('Glob of tag names, such as `v*`') }).strict(),
      z.object({ release: z.literal('published') }).strict(),
    ],
    { error: 'must be merge, push, { tag: <glob> } or { release: published }' },
  )
  .default('merge')
  .describe(
    '`merge`: a merged pull request; `push`: every push to the branch; `tag: <glob>`: a pushed tag; `release: published`. A tag or release deploys only a commit on the branch',
  );
export type DeployTrigger = z.infer<typeof trigger>;

const environment = z
  .object({
    branch: z.string().min(1).optional().describe('Merges into this branch deploy this environment'),
    on: trigger,
    paths: z.array(z.string().min(1)).min(1).optional().describe('Globs; a merge deploys only when it touched one'),
    required_contexts: z
      .array(z.string())
      .default([])
      .describe('Deprecated: more check names to wait for, as in `checks`; GitHub itself is told none'),
    ...flowFields,
    url: httpUrl().optional().describe('environment_url; default: the frontend site, else the backend URL'),
    backend: backend.optional(),
    frontend: frontend.optional(),
    deployers: deployersSchema(),
    when_locked: z.enum(['queue', 'refuse']).default('queue'),
    freeze: z
      .array(freezeWindow)
      .default([])
      .describe('Windows in which merges queue (or are refused) and commands are refused; admins may `/deploy --force`'),
    production_environment: z
      .boolean()
      .optional()
      .describe('GitHub shows the deployments as production; default: true only for the names `production` and `prod`'),
    timeout_minutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(60)
      .describe('Hard limit on a whole deployment, counted from in_progress (waiting in line or for a lock is not counted)'),
    step_timeout_minutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(30)
      .describe('Hard limit on each step'),
  })
  .strict()
  .refine((e) => e.backend !== undefined || e.frontend !== undefined, 'needs a backend, a frontend, or both');

const notifyEvents = z.array(z.enum(['started', 'succeeded', 'failed', 'rolled_back', 'locked', 'unlocked']));
const notifier = z.union([
  z.object({ slack: z.object({ webhook: envVarName, events: notifyEvents.optional() }).strict() }).strict(),
  z.object({ discord: z.object({ webhook: envVarName, events: notifyEvents.optional() }).strict() }).strict(),
  z.object({ teams: z.object({ webhook: envVarName, events: notifyEvents.optional() }).strict() }).strict(),
  z.object({ webhook: z.object({ url: envVarName, secret: envVarName, events: notifyEvents.optional() }).strict() }).strict(),
]);

/**
 * Preview environments (issue 16): one per pull request, read from the default branch only. A
 * preview runs the steps of environment `from` as the pull request's commit states them, never that
 * environment's targets or secrets: its own Heroku app (from a name template), add-ons, config vars,
 * bucket and prefix, and its own deployers. Templates know `{app}` (the `from` backend's app),
 * `{number}` (the pull request) and `{repo}`.
 */
const previewTemplate = z.string().min(1).max(200);
const previewsConfig = z
  .object({
    from: z.string().min(1).describe('The environment whose steps a preview runs'),
    on: z
      .enum(['opened', 'label', 'command'])
      .default('opened')
      .describe('When a PR gets a preview: when opened, when `label` is added by a deployer, or only by `/preview`'),
    label: z.string().min(1).max(50).optional().describe('With `on: label`: the label that asks for a preview'),
    deployers: deployersSchema(),
    backend: z
      .object({
        app: previewTemplate.default('{app}-pr-{number}').describe('Heroku app name template, cut to a valid Heroku name'),
        addons: z
          .array(z.string().regex(/^[a-z0-9-]+(:[a-z0-9-]+)?$/, 'must be an add-on plan such as heroku-postgresql:essential-0'))
          .default([]),
        config_vars: z
          .record(z.string(), configValue)
          .default({})
          .describe("The preview's own config vars: nothing of the `from` environment's is inherited"),
      })
      .strict()
      .prefault({}),
    frontend: z
      .object({
        bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
        prefix: previewTemplate.refine((p) => p.includes('{number}'), 'must contain {number}, so that each preview has its own prefix'),
        site_url: previewTemplate.optional().describe('Where the preview site is served (a template, checked by the smoke step)'),
        endpoint: httpUrl().optional(),
        region: z.string().optional(),
      })
      .strict()
      .optional()
      .describe("The preview's own bucket (or origin): unreviewed JavaScript never runs on production's"),
    ttl_days: z.number().positive().max(365).default(7).describe('A preview older than this is torn down'),
    max_alive: z.number().int().min(1).max(1000).default(5).describe('The most previews alive at once in this repository'),
    forks: z.boolean().default(false).describe("Whether fork PRs get previews without a maintainer's `/preview`"),
  })
  .strict()
  .refine((p) => p.on !== 'label' || p.label !== undefined, { message: 'on: label needs `label`', path: ['label'] });

export const deployConfig = z
  .object({
    environments: z.record(
      z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,64}$/, 'environment names are letters, digits, . _ -')
        .refine((name) => name !== '.' && name !== '..', 'an environment cannot be named . or ..'),
      environment,
    ),
    notify: z.array(notifier).default([]),
    previews: previewsConfig.optional(),
  })
  .strict();

export type DeployConfig = z.infer<typeof deployConfig>;
export type EnvironmentConfig = z.infer<typeof environment>;
export type BackendConfig = z.infer<typeof backend>;
export type FrontendConfig = z.infer<typeof frontend>;
export type HerokuBackendConfig = z.infer<typeof herokuBackend>;
export type S3FrontendConfig = z.infer<typeof s3Frontend>;
export type CommandConfig = z.infer<typeof commandSection>;
export type NotifierConfig = z.infer<typeof notifier>;
export type ConfigValue = z.infer<typeof configValue>;
export type Permission = z.infer<typeof permission>;
export type PreviewsConfig = z.infer<typeof previewsConfig>;
