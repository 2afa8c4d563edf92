import { ProviderError } from '../../deployments/errors.ts';
import type { Step, StepContext, StepOutcome } from '../../deployments/step.ts';
import { transferSchema, type BackupTransfer } from './api-schemas.ts';
import { findDatabase } from './find-database.ts';
import { pollUntil } from './poll.ts';
import { openHerokuSession, seg } from './session.ts';
import type { HerokuStepInput } from './step-input.ts';

/** `b001`, as `heroku pg:backups` names a manual backup. */
export function backupName(transfer: BackupTransfer): string {
  return `b${String(transfer.num).padStart(3, '0')}`;
}

/** Captures a backup of the app's database through Heroku's data API, as `heroku pg:backups:capture` does. */
export class BackupStep implements Step {
  readonly name: string;

  constructor(private readonly input: HerokuStepInput) {
    this.name = `${input.side}.backup`;
  }

  describe(): string {
    return `capture a backup of the DATABASE_URL database of Heroku app ${this.input.config.app}`;
  }

  async run(ctx: StepContext): Promise<StepOutcome> {
    const { app } = this.input.config;
    const heroku = openHerokuSession(ctx, this.input.deps, app);
    const database = await findDatabase(heroku.platform, app);
    ctx.log.line(`capturing a backup of ${database.name} (DATABASE_URL of ${app})`);
    const notFound = `Heroku's data API does not know database ${database.name} of app ${app}`;
    const started = await heroku.data.post(`/client/v11/databases/${seg(database.id)}/backups`, transferSchema, { notFound });
    const name = backupName(started);
    const finished = await pollUntil(
      () => heroku.data.get(`/client/v11/apps/${seg(app)}/transfers/${seg(started.uuid)}`, transferSchema, { notFound }),
      (t) => Boolean(t.finished_at),
      { maxIntervalMs: 3000, timeoutMs: 60 * 60_000, signal: ctx.signal, what: `backup ${name} of ${app}` },
    );
    if (!finished.succeeded) throw new ProviderError(`backup ${name} of ${app} failed on Heroku; nothing was deployed`);
    this.input.state.backup = name;
    ctx.log.line(`backup ${name} captured`);
    return { summary: `backup ${name}` };
  }
}
