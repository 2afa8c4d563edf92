import { isDeepStrictEqual } from 'node:util';
import type { DeployConfig, EnvironmentConfig } from './deploy-config.ts';

/**
 * The fields that decide whether, when, where and with what credentials a deployment runs. Only the
 * config on the repository's default branch sets them: a branch (or any commit someone asks Runway
 * to deploy) may change build commands, paths, literal values, the seed or the health check, but a
 * trust field that differs from the default branch's fails the deployment before any step.
 *
 * This list is the one place to add a field that a later feature makes trusted (checks, freezes,
 * triggers, promotion, previews): one line, and a unit test in
 * test/unit/trust-fields.test.ts.
 */

type Path = readonly string[];

/** One trust field of an environment: how to read its values and how to take them from the default branch. */
export interface TrustField {
  /** Where it sits under `environments.<name>.` (`**` stands for any depth). */
  readonly path: string;
  /** Its values in an environment, by concrete path (a missing field reads as undefined). */
  values(env: EnvironmentConfig): Map<string, unknown>;
  /** Makes `to` hold `from`'s values of this field (for rollbacks and redeploys of older commits). */
  copy(from: EnvironmentConfig, to: EnvironmentConfig): void;
}

type Node = Record<string, unknown>;

// Cloned first: zod gives records a null prototype, which a deep comparison would count as a difference.
const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(structuredClone(a), structuredClone(b));

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

// Own properties only: a name from a config must never find `constructor` or `__proto__`.
function get(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (!isNode(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function put(root: unknown, path: Path, value: unknown): void {
  const parent = get(root, path.slice(0, -1));
  const key = path.at(-1)!;
  if (!isNode(parent)) return;
  if (value === undefined) delete parent[key];
  else Object.defineProperty(parent, key, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
}

/** A field at a fixed path. */
function at(path: string): TrustField {
  const keys = path.split('.');
  return {
    path,
    values: (env) => new Map([[path, get(env, keys)]]),
    copy: (from, to) => put(to, keys, get(from, keys)),
  };
}

/** Every `{ from_env: NAME }` anywhere in the environment, by the path of the object that holds it. */
function fromEnvPaths(env: EnvironmentConfig): Map<string, Path> {
  const found = new Map<string, Path>();
  const walk = (node: unknown, path: string[]) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, String(i)]));
    if (!isNode(node)) return;
    if (Object.hasOwn(node, 'from_env')) found.set([...path, 'from_env'].join('.'), path);
    for (const key of Object.keys(node)) if (key !== 'from_env') walk(node[key], [...path, key]);
  };
  walk(env, []);
  return found;
}

/** Every server variable a config names (`from_env`), wherever a provider accepts one. */
const fromEnv: TrustField = {
  path: '**.from_env',
  values: (env) => new Map([...fromEnvPaths(env)].map(([name, holder]) => [name, get(env, [...holder, 'from_env'])])),
  copy(from, to) {
    // A value `to` reads from the server that `from` does not: drop it; then every one `from` reads.
    for (const holder of fromEnvPaths(to).values()) put(to, holder, undefined);
    for (const holder of fromEnvPaths(from).values()) put(to, holder, get(from, holder));
  },
};

export const trustFields: readonly TrustField[] = [
  at('branch'),
  at('deployers'),
  at('when_locked'),
  at('required_contexts'),
  // Deploy flow: what a deployment waits for, whether a newer merge replaces it, whether an undo holds.
  at('checks'),
  at('checks_timeout_minutes'),
  at('supersede'),
  at('hold_after_undo'),
  // When deployments may run at all (freeze windows).
  at('freeze'),
  // What starts a deployment at all (merge, push, tag, release).
  at('on'),
  at('backend.provider'),
  at('backend.app'),
  // Whether a command or build reaches the network at all (`network: open | none`).
  at('backend.network'),
  at('frontend.provider'),
  at('frontend.bucket'),
  at('frontend.prefix'),
  at('frontend.endpoint'),
  at('frontend.region'),
  at('frontend.network'),
  fromEnv,
];

/** Top-level fields with the same rule: `notify` names server variables (webhook URLs and secrets); `previews` names apps, buckets, variables and who may deploy. */
export const configTrustFields: readonly (keyof DeployConfig)[] = ['notify', 'previews'];

/** The first few differences, as `environments.production.backend.app`. */
export function trustFieldDifferences(
  name: string,
  main: { config: DeployConfig; environment: EnvironmentConfig },
  commit: { config: DeployConfig; environment: EnvironmentConfig },
): string[] {
  const differences: string[] = [];
  for (const key of configTrustFields) if (!same(main.config[key], commit.config[key])) differences.push(key);
  for (const field of trustFields) {
    const ours = field.values(main.environment);
    const theirs = field.values(commit.environment);
    for (const path of new Set([...ours.keys(), ...theirs.keys()])) {
      if (!same(ours.get(path), theirs.get(path))) differences.push(`environments.${name}.${path}`);
    }
  }
  return differences;
}

/**
 * `commit`'s environment with every trust field taken from `main`: what a rollback or a redeploy of
 * an older commit runs. A section whose provider changed since is taken whole from `main`.
 */
export function withTrustFieldsOf(main: EnvironmentConfig, commit: EnvironmentConfig): EnvironmentConfig {
  const result = structuredClone(commit);
  for (const section of ['backend', 'frontend'] as const) {
    if (main[section]?.provider !== commit[section]?.provider) put(result, [section], main[section]);
  }
  for (const field of trustFields) field.copy(main, result);
  return result;
}
