import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import { DEPLOY_CONFIG_PATH, formatConfigProblems, parseDeployConfig } from '../config/parse-deploy-config.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { fetchFileText } from '../github/repository-content.ts';
import { ConfigError } from './errors.ts';

export type RepositoryConfig = { state: 'missing' } | { state: 'invalid'; message: string } | { state: 'valid'; config: DeployConfig };

/** `.github/deploy.yml` at a ref. */
export async function loadRepositoryConfig(
  github: GitHubClient,
  input: { owner: string; repo: string; ref: string },
): Promise<RepositoryConfig> {
  const text = await fetchFileText(github, { ...input, path: DEPLOY_CONFIG_PATH });
  if (text === undefined) return { state: 'missing' };
  const parsed = parseDeployConfig(text);
  return parsed.ok ? { state: 'valid', config: parsed.config } : { state: 'invalid', message: formatConfigProblems(parsed.problems) };
}

/** The config of one environment at a ref; a ConfigError says what is wrong when there is none. */
export async function loadEnvironmentConfig(
  github: GitHubClient,
  input: { owner: string; repo: string; ref: string; environment: string },
): Promise<{ config: DeployConfig; environment: EnvironmentConfig }> {
  const loaded = await loadRepositoryConfig(github, input);
  if (loaded.state === 'missing') throw new ConfigError(`${DEPLOY_CONFIG_PATH} does not exist at ${input.ref.slice(0, 12)}`);
  if (loaded.state === 'invalid') throw new ConfigError(loaded.message);
  const environment = loaded.config.environments[input.environment];
  if (!environment) throw new ConfigError(`environment "${input.environment}" is not in ${DEPLOY_CONFIG_PATH}`);
  return { config: loaded.config, environment };
}
