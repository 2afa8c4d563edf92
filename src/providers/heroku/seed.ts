import { z } from 'zod';
import { ProviderError, StepFailedError } from '../../deployments/errors.ts';
import { timeLimit, TimeLimitError } from '../../deployments/time-limit.ts';
import type { Step, StepContext, StepOutcome } from '../../deployments/step.ts';
import { dynoSchema } from './api-schemas.ts';
import { readExitStatus, withExitStatus } from './exit-status.ts';
import { LastLines, LineSplitter } from './line-splitter.ts';
import { attachToDyno } from './rendezvous.ts';
import { openHerokuSession, seg } from './session.ts';
import type { HerokuStepInput } from './step-input.ts';

/** A seed that prints nothing for this long is taken for hung (its total time has a limit of its own). */
const idleTimeoutMs = 30 * 60_000;

/**
 * Runs the `seed` command in a one-off dyno of the new release, attached like `heroku run
 * --exit-code`: the output goes to the step log and the exit status is read from the marker the
 * command echoes. A non-zero status fails the step, and the runner rolls the release back.
 */
export class SeedStep implements Step {
  readonly name: string;

  constructor(
    private readonly input: HerokuStepInput,
    private readonly command: string,
  ) {
    this.name = `${input.side}.seed`;
  }

  describe(): string {
    return `run \`${this.command}\` in a one-off dyno on Heroku app ${this.input.config.app}`;
  }

  async run(ctx: StepContext): Promise<StepOutcome> {
    const { app } = this.input.config;
    const heroku = openHerokuSession(ctx, this.input.deps, app);
    const dyno = await heroku.platform.post(`/apps/${seg(app)}/dynos`, dynoSchema, {
      body: { command: withExitStatus(this.command), attach: true, type: 'run', force_no_tty: true },
    });
    if (!dyno.attach_url) throw new ProviderError(`Heroku started ${dyno.name} on ${app} without an attach_url`);
    ctx.log.line(`running \`${this.command}\` on ${app} as ${dyno.name}`);

    const tail = new LastLines(3);
    let status: number | undefined;
    const lines = new LineSplitter((line) => {
      const exit = readExitStatus(line);
      const text = exit ? exit.before : line;
      if (exit) status = exit.status;
      if (exit && text === '') return;
      ctx.log.line(text);
      tail.add(text);
    });
    // A seed that keeps printing never trips the idle timeout: the total time is limited too.
    const seconds = this.input.config.seed_timeout_seconds;
    const limit = timeLimit(
      ctx.signal,
      seconds * 1000,
      () =>
        new TimeLimitError(`seed \`${this.command}\` ran longer than ${seconds} seconds (seed_timeout_seconds); ${dyno.name} was stopped`),
    );
    try {
      await limit.race(
        attachToDyno({
          attachUrl: dyno.attach_url,
          // Heroku's rendezvous is TLS; a platform on plain HTTP (the local sandbox) serves it in the clear.
          tls: new URL(this.input.deps.herokuApiUrl).protocol === 'https:',
          onOutput: (bytes) => lines.push(bytes),
          signal: limit.signal,
          idleTimeoutMs,
        }),
      );
    } catch (error) {
      if (limit.signal.aborted) {
        // Detaching does not stop a one-off dyno: stop it, or the seed goes on after the rollback.
        await heroku.platform.post(`/apps/${seg(app)}/dynos/${seg(dyno.name)}/actions/stop`, z.unknown()).catch((stopError: unknown) => {
          ctx.log.line(`could not stop ${dyno.name}: ${stopError instanceof Error ? stopError.message : String(stopError)}`);
        });
        throw limit.signal.reason instanceof TimeLimitError ? limit.signal.reason : error;
      }
      throw new ProviderError(`lost the output of ${dyno.name} on ${app}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      limit.clear();
      lines.flush();
    }
    const last = tail.last();
    if (status === undefined) {
      throw new StepFailedError(`seed \`${this.command}\` ended without an exit status (the dyno stopped early)${last ? `: ${last}` : ''}`);
    }
    if (status !== 0) throw new StepFailedError(`seed \`${this.command}\` exited with status ${status}${last ? `: ${last}` : ''}`);
    ctx.log.line(`seed finished with status 0`);
    return {};
  }
}
