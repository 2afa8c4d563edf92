import { StepFailedError } from '../../deployments/errors.ts';
import type { Step, StepContext, StepOutcome } from '../../deployments/step.ts';
import { buildSchema } from './api-schemas.ts';
import { LastLines } from './line-splitter.ts';
import { openHerokuSession, seg } from './session.ts';
import type { HerokuStepInput } from './step-input.ts';
import { intoStepLog, waitWithOutput } from './wait-with-output.ts';

/** Follows the build that `backend.source` started to its end, its output into the step log. */
export class BuildStep implements Step {
  readonly name: string;

  constructor(private readonly input: HerokuStepInput) {
    this.name = `${input.side}.build`;
  }

  describe(): string {
    return `build the uploaded source on Heroku app ${this.input.config.app} (buildpacks), streaming the build output`;
  }

  async run(ctx: StepContext): Promise<StepOutcome> {
    const { app } = this.input.config;
    const started = this.input.state.build;
    if (!started) throw new Error(`${this.name} ran before the source step started a build`);
    const heroku = openHerokuSession(ctx, this.input.deps, app);
    const tail = new LastLines(5);
    const build = await waitWithOutput({
      url: started.output_stream_url,
      read: () => heroku.platform.get(`/apps/${seg(app)}/builds/${seg(started.id)}`, buildSchema),
      finished: (b) => b.status !== 'pending',
      ...intoStepLog(ctx, tail, 'build output'),
      signal: ctx.signal,
      what: `build ${started.id} of ${app}`,
    });
    this.input.state.build = build;
    if (build.status === 'failed') {
      const why = tail.all().slice(-3).join(' | ');
      throw new StepFailedError(`build failed on Heroku${why ? `: ${why}` : ''}`);
    }
    ctx.log.line(`build ${build.id} succeeded`);
    return {};
  }
}
