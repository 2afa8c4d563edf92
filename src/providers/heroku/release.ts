import { ProviderError, StepFailedError } from '../../deployments/errors.ts';
import type { Step, StepContext, StepOutcome } from '../../deployments/step.ts';
import type { HerokuApi } from './api-client.ts';
import { appSchema, buildSchema, releaseSchema, type HerokuRelease } from './api-schemas.ts';
import { pollUntil } from './poll.ts';
import { openHerokuSession, seg } from './session.ts';
import type { HerokuStepInput } from './step-input.ts';
import { waitForRelease } from './wait-release.ts';

/**
 * Waits for the release the build made (its release phase runs the migrations) and publishes
 * `backend.url` and `backend.release`. A failed release phase leaves the old release live, so it
 * needs no undo; a later failure rolls back to the release that was live before.
 */
export class ReleaseStep implements Step {
  readonly name: string;
  /** The rollback target, kept from run to undo. */
  private previous: HerokuRelease | undefined;
  private released: HerokuRelease | undefined;

  constructor(
    protected readonly input: HerokuStepInput,
    stepName = 'release',
  ) {
    this.name = `${input.side}.${stepName}`;
  }

  describe(): string {
    return `release the build on Heroku app ${this.input.config.app} (release phase included); on a later failure, roll back to the release live before`;
  }

  async run(ctx: StepContext): Promise<StepOutcome> {
    const { app } = this.input.config;
    const { state } = this.input;
    const heroku = openHerokuSession(ctx, this.input.deps, app);
    const created = await this.newRelease(ctx, heroku.platform);
    this.previous = state.liveBefore;
    if (created.status === 'pending') ctx.log.line(`release v${created.version} is running its release phase`);
    // The app's web_url is read while the release phase runs, not after it.
    const [{ release, tail }, appInfo] = await Promise.all([
      waitForRelease(ctx, heroku.platform, app, created),
      heroku.platform.get(`/apps/${seg(app)}`, appSchema),
    ]);
    if (release.status === 'failed') {
      const still = this.previous ? `; v${this.previous.version} is still live` : '';
      ctx.log.line(`release v${release.version} failed${still}`);
      throw new StepFailedError(`release phase failed: ${tail.telling()?.trim() ?? `release v${release.version} failed`}`);
    }
    this.released = release;
    if (!appInfo.web_url) throw new ProviderError(`Heroku app ${app} has no web_url`);
    const webUrl = appInfo.web_url.replace(/\/+$/, '');
    state.webUrl = webUrl;
    ctx.log.line(`v${release.version} is live at ${webUrl}`);
    return {
      outputs: { [`${this.input.side}.url`]: webUrl, [`${this.input.side}.release`]: `v${release.version}` },
      summary: `released v${release.version}`,
      headline: `released v${release.version}`,
    };
  }

  async undo(ctx: StepContext): Promise<StepOutcome> {
    const { app } = this.input.config;
    if (!this.released) return {};
    if (!this.previous) {
      ctx.log.line(`no release was live on ${app} before this deployment: v${this.released.version} stays`);
      return { summary: `v${this.released.version} stays live: ${app} had no earlier release` };
    }
    const heroku = openHerokuSession(ctx, this.input.deps, app);
    const target = this.previous;
    ctx.log.line(`rolling back ${app} to v${target.version}`);
    const rollback = await heroku.platform.post(`/apps/${seg(app)}/releases`, releaseSchema, { body: { release: target.id } });
    const { release, tail } = await waitForRelease(ctx, heroku.platform, app, rollback);
    if (release.status === 'failed') {
      throw new ProviderError(
        `rollback to v${target.version} failed in its release phase: ${tail.telling()?.trim() ?? `release v${release.version} failed`}`,
      );
    }
    ctx.log.line(`rolled back to v${target.version} (as release v${release.version})`);
    const backup = this.input.state.backup;
    // Kept short: it goes into the 140-character status beside the reason for the failure.
    if (backup) ctx.log.line(`the database was not restored: backup ${backup} holds the data from before this deployment's migrations`);
    return { summary: `rolled back to v${target.version}${backup ? `, backup ${backup}` : ''}` };
  }

  /** The release to wait for: the one the build made. A promotion makes its own (promote-step.ts). */
  protected async newRelease(ctx: StepContext, api: HerokuApi): Promise<HerokuRelease> {
    const { build } = this.input.state;
    if (!build) throw new Error(`${this.name} ran before a build existed`);
    const releaseId = await this.releaseOfBuild(ctx, api, build.id, build.release?.id);
    return api.get(`/apps/${seg(this.input.config.app)}/releases/${seg(releaseId)}`, releaseSchema);
  }

  /** Heroku fills in a build's release shortly after the build succeeded. */
  private async releaseOfBuild(ctx: StepContext, api: HerokuApi, buildId: string, known: string | undefined): Promise<string> {
    if (known) return known;
    const { app } = this.input.config;
    const build = await pollUntil(
      () => api.get(`/apps/${seg(app)}/builds/${seg(buildId)}`, buildSchema),
      (b) => Boolean(b.release?.id),
      // Asked again soon at first: the release is usually there a moment after the build ended.
      { firstIntervalMs: 25, maxIntervalMs: 3000, timeoutMs: 5 * 60_000, signal: ctx.signal, what: `the release of build ${buildId}` },
    );
    return build.release?.id ?? buildId;
  }
}
