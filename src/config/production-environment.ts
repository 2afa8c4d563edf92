import type { EnvironmentConfig } from './deploy-config.ts';

/**
 * Whether GitHub should show an environment as production: the config's `production_environment`,
 * else only the names `production` and `prod` (a name merely containing "prod", like `preprod`, is not).
 */
export function isProductionEnvironment(name: string, env: Pick<EnvironmentConfig, 'production_environment'>): boolean {
  return env.production_environment ?? /^prod(uction)?$/i.test(name);
}
