import type { BackendConfig, ConfigValue, DeployConfig, EnvironmentConfig, FrontendConfig } from '../config/deploy-config.ts';
import { normalizePrefix } from '../providers/s3/target.ts';

/** A shared resource that a repository's config names, with the config field that names it. */
export type ResourceUse =
  | { kind: 'heroku_app'; field: string; app: string }
  | { kind: 's3_bucket'; field: string; bucket: string; prefix: string }
  | { kind: 's3_endpoint'; field: string; endpoint: string }
  | { kind: 'variable'; field: string; name: string };

/** Every Heroku app, bucket and prefix, S3 endpoint and server variable one environment's deployment uses. */
export function resourcesUsed(config: DeployConfig, environmentName: string, environment: EnvironmentConfig): ResourceUse[] {
  const base = `environments.${environmentName}`;
  return [
    ...sectionResources(`${base}.backend`, environment.backend),
    ...sectionResources(`${base}.frontend`, environment.frontend),
    ...notifierVariables(config.notify),
  ];
}

function sectionResources(field: string, section: BackendConfig | FrontendConfig | undefined): ResourceUse[] {
  if (section === undefined) return [];
  switch (section.provider) {
    case 'heroku':
      return [
        { kind: 'heroku_app', field: `${field}.app`, app: section.app },
        ...fromEnvNames(`${field}.config_vars`, section.config_vars),
      ];
    case 's3':
      return [
        { kind: 's3_bucket', field: `${field}.bucket`, bucket: section.bucket, prefix: normalizePrefix(section.prefix) },
        ...(section.endpoint === undefined
          ? []
          : [{ kind: 's3_endpoint' as const, field: `${field}.endpoint`, endpoint: new URL(section.endpoint).origin }]),
      ];
    case 'command':
      return [];
  }
}

function fromEnvNames(field: string, values: Record<string, ConfigValue>): ResourceUse[] {
  return Object.entries(values).flatMap(([key, value]) =>
    typeof value === 'string' ? [] : [{ kind: 'variable' as const, field: `${field}.${key}.from_env`, name: value.from_env }],
  );
}

/** The server variables a `notify:` list names, each with its `notify[i].service.key` field. */
export function notifierVariables(notify: DeployConfig['notify']): ResourceUse[] {
  return notify.flatMap((entry, i) =>
    Object.entries(entry).flatMap(([service, options]: [string, Record<string, unknown>]) =>
      Object.entries(options).flatMap(([key, name]) =>
        key !== 'events' && typeof name === 'string' ? [{ kind: 'variable' as const, field: `notify[${i}].${service}.${key}`, name }] : [],
      ),
    ),
  );
}

/** How a refusal names the resource: `Heroku app "team-b-api"`. */
export function describeResource(use: ResourceUse): string {
  switch (use.kind) {
    case 'heroku_app':
      return `Heroku app "${use.app}"`;
    case 's3_bucket':
      return `bucket "${use.bucket}" with prefix "${use.prefix}"`;
    case 's3_endpoint':
      return `S3 endpoint ${use.endpoint}`;
    case 'variable':
      return `server variable ${use.name}`;
  }
}
