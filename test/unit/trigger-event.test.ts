import { describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../src/config/parse-deploy-config.ts';
import { environmentTriggeredBy, type TriggerEvent } from '../../src/triggers/trigger-event.ts';

function environment(on: string) {
  const parsed = parseDeployConfig(
    `environments:\n  production:\n    branch: release\n${on}    backend: { provider: command, run: echo }\n`,
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config.environments.production!;
}

const event = (kind: TriggerEvent['kind'], name: string): TriggerEvent => ({
  kind,
  name,
  installationId: 1,
  owner: 'acme',
  repo: 'shop',
  defaultBranch: 'main',
  sha: 'a'.repeat(40),
  actor: 'lead',
  actorType: 'User',
});

describe('which events an environment’s on: answers', () => {
  it('merge (the default) answers none of them: merges go through the pull request', () => {
    const env = environment('');
    expect(env.on).toBe('merge');
    for (const kind of ['push', 'tag', 'release'] as const) expect(environmentTriggeredBy(env, event(kind, 'release'))).toBe(false);
  });

  it('push answers a push to its own branch only', () => {
    const env = environment('    on: push\n');
    expect(environmentTriggeredBy(env, event('push', 'release'))).toBe(true);
    expect(environmentTriggeredBy(env, event('push', 'main'))).toBe(false);
    expect(environmentTriggeredBy(env, event('tag', 'release'))).toBe(false);
  });

  it('tag answers tags its glob matches', () => {
    const env = environment('    on: { tag: "v*.*.*" }\n');
    expect(environmentTriggeredBy(env, event('tag', 'v1.2.3'))).toBe(true);
    expect(environmentTriggeredBy(env, event('tag', 'nightly'))).toBe(false);
    expect(environmentTriggeredBy(env, event('push', 'v1.2.3'))).toBe(false);
  });

  it('release: published answers releases only', () => {
    const env = environment('    on: { release: published }\n');
    expect(environmentTriggeredBy(env, event('release', 'v1'))).toBe(true);
    expect(environmentTriggeredBy(env, event('tag', 'v1'))).toBe(false);
  });

  it('refuses an unknown trigger with the field named', () => {
    const parsed = parseDeployConfig('environments:\n  production:\n    on: nightly\n    backend: { provider: command, run: echo }\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems.map((p) => JSON.stringify(p)).join()).toMatch(
        /must be merge, push, \{ tag: <glob> \} or \{ release: published \}/,
      );
  });
});
