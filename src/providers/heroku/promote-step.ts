import { ProviderError } from '../../deployments/errors.ts';
import type { StepContext } from '../../deployments/step.ts';
import type { HerokuApi } from './api-client.ts';
import { releaseSchema, slugSchema, type HerokuRelease } from './api-schemas.ts';
import { findCurrentRelease } from './current-release.ts';
import { ReleaseStep } from './release.ts';
import { seg } from './session.ts';
import type { HerokuStepInput } from './step-input.ts';

/** Where a promotion takes its slug from: a release of the source environment's app (`v12`). */
export interface PromotionSource {
  readonly app: string;
  readonly release: string;
}

/**
 * `/promote`: a release of the source app's slug on the target app (`POST /apps/{app}/releases`
 * with `slug`), so nothing is built; the target's release phase runs its migrations. Waiting, the
 * outputs and the undo on a later failure are the release step's.
 */
export class PromoteStep extends ReleaseStep {
  constructor(
    input: HerokuStepInput,
    private readonly source: PromotionSource,
  ) {
    super(input, 'promote');
  }

  override describe(): string {
    return `release the slug of ${this.source.app} ${this.source.release} on Heroku app ${this.input.config.app} without a build (release phase included); on a later failure, roll back to the release live before`;
  }

  protected override async newRelease(ctx: StepContext, api: HerokuApi): Promise<HerokuRelease> {
    const { app } = this.input.config;
    const { app: from, release } = this.source;
    const sourceRelease = await api.get(`/apps/${seg(from)}/releases/${seg(release.replace(/^v/, ''))}`, releaseSchema);
    if (!sourceRelease.slug) throw new ProviderError(`${from} ${release} runs no slug: there is nothing to promote`);
    const slug = await api.get(`/apps/${seg(from)}/slugs/${seg(sourceRelease.slug.id)}`, slugSchema);
    this.input.state.liveBefore = await findCurrentRelease(api, app);
    const commit = slug.commit ? ` (commit ${slug.commit.slice(0, 7)})` : '';
    ctx.log.line(`promoting slug ${slug.id}${commit} of ${from} ${release} to ${app}: no build`);
    return api.post(`/apps/${seg(app)}/releases`, releaseSchema, {
      body: { slug: slug.id, description: `Promote ${from} ${release}` },
    });
  }
}
