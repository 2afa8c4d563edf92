import { stringify } from 'yaml';

/** One environment whose backend is a Heroku app, as `.github/deploy.yml` would hold it. */
export interface HerokuEnvironment {
  app: string;
  path: string;
  /** Only merges that touch these globs deploy (default: every merge into main). */
  paths?: string[];
  seed?: string;
  healthcheck?: string;
  healthcheckTimeoutSeconds?: number;
  backup?: boolean;
  configVars?: Record<string, string | { from_env: string }>;
}

/** `.github/deploy.yml` with one environment per entry, each deploying from `main`. */
export function herokuDeployYml(environments: Record<string, HerokuEnvironment>): string {
  const config: Record<string, unknown> = {};
  for (const [name, env] of Object.entries(environments)) {
    config[name] = {
      branch: 'main',
      ...(env.paths ? { paths: env.paths } : {}),
      backend: {
        provider: 'heroku',
        app: env.app,
        path: env.path,
        ...(env.backup ? { backup: true } : {}),
        ...(env.seed ? { seed: env.seed } : {}),
        ...(env.healthcheck ? { healthcheck: env.healthcheck } : {}),
        ...(env.healthcheckTimeoutSeconds ? { healthcheck_timeout_seconds: env.healthcheckTimeoutSeconds } : {}),
        ...(env.configVars ? { config_vars: env.configVars } : {}),
      },
    };
  }
  return stringify({ environments: config });
}
