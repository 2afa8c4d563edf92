import { ConfigError } from '../../deployments/errors.ts';
import type { Step, StepContext, StepOutcome } from '../../deployments/step.ts';
import { configVarsSchema } from './api-schemas.ts';
import { registerAppSecrets } from './app-secrets.ts';
import { openHerokuSession, seg } from './session.ts';
import type { HerokuStepInput } from './step-input.ts';

/**
 * Sets the app's config vars from `config_vars`. Values read from the server's environment are
 * secrets: registered before anything else happens, never logged (only names are).
 */
export class ConfigVarsStep implements Step {
  readonly name: string;

  constructor(private readonly input: HerokuStepInput) {
    this.name = `${input.side}.config`;
  }

  describe(): string {
    const entries = Object.entries(this.input.config.config_vars);
    if (entries.length === 0) return `no config vars to set on Heroku app ${this.input.config.app}`;
    const names = entries.map(([name, value]) => (typeof value === 'string' ? name : `${name} (from the server's ${value.from_env})`));
    return `set config vars ${names.join(', ')} on Heroku app ${this.input.config.app}`;
  }

  async run(ctx: StepContext): Promise<StepOutcome> {
    const wanted = this.resolveValues(ctx);
    const { app } = this.input.config;
    const heroku = openHerokuSession(ctx, this.input.deps, app);
    const current = await registerAppSecrets(ctx, heroku, this.input.config);
    const names = Object.keys(wanted);
    if (names.length === 0) {
      ctx.log.line('no config vars in deploy.yml');
      return {};
    }
    // Own properties only: a config var named `constructor` must not compare with Object's.
    const changed = names.filter((name) => !Object.hasOwn(current, name) || current[name] !== wanted[name]);
    if (changed.length === 0) {
      ctx.log.line(`config vars already set: ${names.join(', ')}`);
      return {};
    }
    const patch = Object.fromEntries(changed.map((name) => [name, wanted[name]]));
    await heroku.platform.patch(`/apps/${seg(app)}/config-vars`, configVarsSchema, { body: patch });
    const unchanged = names.filter((name) => !changed.includes(name));
    ctx.log.line(
      `set config vars ${changed.join(', ')}${unchanged.length ? `; unchanged: ${unchanged.join(', ')}` : ''} (Heroku made a config release)`,
    );
    return { summary: `set ${changed.join(', ')}` };
  }

  private resolveValues(ctx: StepContext): Record<string, string> {
    const values: Record<string, string> = {};
    const missing: string[] = [];
    for (const [name, value] of Object.entries(this.input.config.config_vars)) {
      if (typeof value === 'string') {
        values[name] = value;
        continue;
      }
      const secret = this.input.deps.serverEnv[value.from_env];
      if (secret === undefined) {
        missing.push(`${name} (from ${value.from_env})`);
        continue;
      }
      if (secret !== '') ctx.secret(secret);
      values[name] = secret;
    }
    if (missing.length > 0) {
      const plural = missing.length > 1;
      throw new ConfigError(
        `config var${plural ? 's' : ''} ${missing.join(', ')}: the server environment variable${plural ? 's are' : ' is'} not set`,
      );
    }
    return values;
  }
}
