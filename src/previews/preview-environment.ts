import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import { withTrustFieldsOf } from '../config/trust-fields.ts';
import type { PreviewRecord } from '../store/previews-store.ts';

export type PreviewEnvironment = { ok: true; environment: EnvironmentConfig } | { ok: false; reason: string };

/**
 * The environment a preview deployment runs: the steps of `previews.from` as the pull request's
 * commit states them (its trust fields taken from the default branch), pointed at the preview's own
 * app, config vars, bucket and prefix, with the previews' own deployers. Nothing of the `from`
 * environment's targets or secrets is kept: not its app, bucket, site, config vars or backup.
 */
export function previewEnvironment(
  main: DeployConfig,
  commit: DeployConfig | undefined,
  preview: Pick<PreviewRecord, 'appName' | 'bucket' | 'prefix' | 'endpoint' | 'region' | 'siteUrl'>,
): PreviewEnvironment {
  const previews = main.previews;
  if (!previews) return { ok: false, reason: 'the default branch has no `previews:`' };
  const name = previews.from;
  if (!Object.hasOwn(main.environments, name)) return { ok: false, reason: `previews.from names "${name}", which is not an environment` };
  const mainFrom = main.environments[name]!;
  const commitFrom = commit && Object.hasOwn(commit.environments, name) ? commit.environments[name] : undefined;
  const from = commitFrom ? withTrustFieldsOf(mainFrom, commitFrom) : mainFrom;
  const { backend, frontend } = from;
  if (backend && backend.provider !== 'heroku')
    return { ok: false, reason: `previews need a heroku backend; ${name}'s is ${backend.provider}` };
  if (frontend && frontend.provider !== 's3')
    return { ok: false, reason: `previews need an s3 frontend; ${name}'s is ${frontend.provider}` };
  if (frontend && (!previews.frontend || preview.bucket === null || preview.prefix === null))
    return { ok: false, reason: `${name} has a frontend, and \`previews.frontend\` names no bucket and prefix of the previews' own` };
  if (backend && preview.appName === null) return { ok: false, reason: 'the preview has no app' };
  return {
    ok: true,
    environment: {
      required_contexts: [],
      deployers: previews.deployers,
      when_locked: 'queue',
      // Pull request events start previews, never the environment's own `on:`.
      on: 'merge',
      // Previews wait for CI like the environment they copy; freezes, holds and production do not apply.
      freeze: [],
      checks: from.checks,
      checks_timeout_minutes: from.checks_timeout_minutes,
      supersede: true,
      hold_after_undo: false,
      production_environment: false,
      timeout_minutes: from.timeout_minutes,
      step_timeout_minutes: from.step_timeout_minutes,
      ...(backend && {
        backend: { ...backend, app: preview.appName!, config_vars: previews.backend.config_vars, backup: false },
      }),
      ...(frontend && {
        frontend: {
          ...frontend,
          bucket: preview.bucket!,
          prefix: preview.prefix!,
          endpoint: preview.endpoint ?? frontend.endpoint,
          region: preview.region ?? frontend.region,
          site_url: preview.siteUrl ?? undefined,
          keep_stale_seconds: 0,
        },
      }),
    },
  };
}
