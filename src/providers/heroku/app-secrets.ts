import type { HerokuBackendConfig } from '../../config/deploy-config.ts';
import type { StepContext } from '../../deployments/step.ts';
import { configVarsSchema } from './api-schemas.ts';
import { seg, type HerokuSession } from './session.ts';

/**
 * Registers as secrets every config var of the app that Runway did not set from a literal in the
 * repository's config: add-on values such as DATABASE_URL (and the passwords inside URLs), keys
 * set by hand. Release phases and seeds print what they like; their lines are redacted at the
 * sink, so it must know these before they run. Returns the app's config vars.
 */
export async function registerAppSecrets(
  ctx: StepContext,
  heroku: HerokuSession,
  config: Pick<HerokuBackendConfig, 'app' | 'config_vars'>,
): Promise<Record<string, string | null>> {
  const current = await heroku.platform.get(`/apps/${seg(config.app)}/config-vars`, configVarsSchema);
  const literals = new Set(Object.values(config.config_vars).filter((v): v is string => typeof v === 'string'));
  for (const value of Object.values(current)) {
    if (value === null || literals.has(value)) continue;
    ctx.secret(value);
    registerUrlPassword(ctx, value);
  }
  return current;
}

function registerUrlPassword(ctx: StepContext, value: string): void {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return;
  try {
    const { password } = new URL(value);
    if (password === '') return;
    ctx.secret(password);
    const decoded = decodeURIComponent(password);
    if (decoded !== password) ctx.secret(decoded);
  } catch (error) {
    // Not a URL after all: nothing more to register.
    if (!(error instanceof TypeError)) throw error;
  }
}
