import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKeptBuild, keepBuild, keptBuildFile } from '../../src/providers/frontend-build/kept-build.ts';
import { buildDifference, promotedBuildStep, type PromotedFrontend } from '../../src/providers/frontend-build/promoted-build-step.ts';
import type { ProviderDeps } from '../../src/providers/provider.ts';
import { checkoutFixture, s3Config, s3Deps, tempRoot } from '../support/s3-site.ts';
import { makeStepContext } from '../support/step-context.ts';

const sha = '0123456789abcdef0123456789abcdef01234567';
const site = (environment: string) => ({ owner: 'octo-org', repo: 'runway-fixtures', environment });

describe('the frontend build of a /promote', () => {
  let root: string;
  let deps: ProviderDeps;
  beforeAll(async () => {
    root = await tempRoot('promoted-build');
    deps = s3Deps(join(root, 'work'));
    const built = join(root, 'staging-build');
    await mkdir(built, { recursive: true });
    await writeFile(join(built, 'index.html'), '<h1>built on staging</h1>');
    await keepBuild(deps.artifacts, site('staging'), sha, built);
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  // A build command that fails: a step that succeeds did not run it.
  const config = (env: Record<string, string>) => s3Config({ bucket: 'site', path: '.', build: 'exit 7', output: 'dist', env });
  const source = (env: Record<string, string>, outputs: Record<string, string> = {}): PromotedFrontend => ({
    environment: 'staging',
    sha,
    outputs,
    config: config(env),
  });

  it('reuses the kept build of the source when the build environment is the same', async () => {
    const ctx = makeStepContext({ sourceDir: await checkoutFixture(root, 'same') });
    const outcome = await promotedBuildStep(config({ SITE: 'shop' }), deps, source({ SITE: 'shop' })).run(ctx);
    expect(outcome).toMatchObject({ summary: 'reused the build of staging' });
    expect(ctx.lines).not.toContain('$ exit 7');
    expect(await hasKeptBuild(deps.artifacts, site('production'), sha)).toBe(true);
    expect((await keptBuildFile(deps.artifacts, site('production'), sha, 'index.html'))?.toString()).toBe('<h1>built on staging</h1>');
  });

  it("builds again when the target's backend URL differs, and says why", async () => {
    const ctx = makeStepContext({ sourceDir: await checkoutFixture(root, 'differs') });
    ctx.outputs.set('backend.url', 'https://production.example');
    const env = { API_URL: '${{ backend.url }}' };
    const step = promotedBuildStep(config(env), deps, source(env, { 'backend.url': 'https://staging.example' }));
    await expect(step.run(ctx)).rejects.toThrow(/exit/);
    expect(ctx.lines.join('\n')).toContain('building again for this environment: env API_URL differ');
    expect(ctx.lines).toContain('$ exit 7');
  });

  it('compares the filled-in env, the command and the folder', () => {
    const outputs = new Map([['backend.url', 'https://same.example']]);
    const env = { API_URL: '${{ backend.url }}' };
    expect(buildDifference(config(env), outputs, source(env, { 'backend.url': 'https://same.example' }))).toBeUndefined();
    expect(buildDifference(config({ A: '1' }), outputs, source({ A: '1', B: '2' }))).toBe('env B differ');
    expect(buildDifference(config(env), outputs, source(env))).toMatch(/no value/);
    const other = { ...source({}), config: s3Config({ bucket: 'site', path: '.', build: 'npm run build', output: 'dist' }) };
    expect(buildDifference(config({}), outputs, other)).toBe('another build command or folder');
  });
});
