import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { S3FrontendConfig } from '../../config/deploy-config.ts';
import { StepFailedError } from '../../deployments/errors.ts';
import { refusedAddress } from '../../net/address-allowed.ts';
import { guardedFetch } from '../../net/guarded-fetch.ts';
import type { Step, StepContext } from '../../deployments/step.ts';
import { keptBuildOutput } from '../frontend-build/build-step.ts';
import { keptBuildFile } from '../frontend-build/kept-build.ts';
import type { ProviderDeps } from '../provider.ts';

export interface SmokeTiming {
  /** How long the site may take to serve the new build (CDN and website caches). */
  readonly timeoutMs: number;
  readonly intervalMs: number;
}

const defaultTiming: SmokeTiming = { timeoutMs: 60_000, intervalMs: 2_000 };

/** `frontend.smoke`: GETs site_url until it serves exactly the index.html that was uploaded. */
export function smokeStep(config: S3FrontendConfig, deps: Pick<ProviderDeps, 'artifacts'>, timing: SmokeTiming = defaultTiming): Step {
  return {
    name: 'frontend.smoke',
    describe: () =>
      config.site_url === undefined ? 'no site_url: no smoke check' : `check that ${config.site_url} serves the new index.html`,
    async run(ctx: StepContext) {
      const siteUrl = config.site_url;
      if (siteUrl === undefined) {
        ctx.log.line('no site_url configured: skipping the smoke check');
        return;
      }
      const { owner, repo, environment, sha } = ctx.deployment;
      // This deployment's build, or for a rollback the kept build it restored.
      const dir = ctx.outputs.get(keptBuildOutput);
      const expected =
        dir === undefined
          ? await keptBuildFile(deps.artifacts, { owner, repo, environment }, sha, 'index.html')
          : await readFile(join(dir, 'index.html')).catch((err: NodeJS.ErrnoException) => {
              if (err.code === 'ENOENT') return undefined;
              throw err;
            });
      const url = new URL(siteUrl);
      // A query of its own so that a cache in front of the site does not answer with the old page.
      url.searchParams.set('runway-smoke', sha.slice(0, 12));
      const deadline = Date.now() + timing.timeoutMs;
      let problem = 'no answer yet';
      for (let attempt = 1; ; attempt++) {
        problem = await check(url, expected, ctx);
        if (problem === '') {
          ctx.log.line(`${siteUrl} serves the new build${expected === undefined ? ' (answers 2xx; no index.html to compare)' : ''}`);
          return;
        }
        if (Date.now() + timing.intervalMs > deadline) break;
        if (attempt === 1) ctx.log.line(`${siteUrl}: ${problem}; retrying for up to ${Math.round(timing.timeoutMs / 1000)} s`);
        await sleep(timing.intervalMs, undefined, { signal: ctx.signal });
      }
      throw new StepFailedError(`${siteUrl} does not serve the new build: ${problem}`);
    },
  };
}

/** '' when the site answers with the expected page, else what is wrong. */
async function check(url: URL, expected: Buffer | undefined, ctx: Pick<StepContext, 'signal' | 'network'>): Promise<string> {
  const { signal } = ctx;
  try {
    // Redirects go through the same guarded connections.
    const answer = await guardedFetch(url, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      redirect: 'follow',
      allow: ctx.network,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    if (!answer.ok) return `HTTP ${answer.status}`;
    if (expected !== undefined && !body.equals(expected)) return 'index.html differs from the one uploaded';
    return '';
  } catch (err) {
    signal.throwIfAborted();
    const refused = refusedAddress(err);
    if (refused) throw new StepFailedError(`smoke check of ${url.origin} refused: ${refused.message}`);
    return err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
  }
}
