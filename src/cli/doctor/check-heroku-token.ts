import Heroku from 'heroku-client';
import type { Settings } from '../../config/settings.ts';
import type { CheckResult } from './doctor-check.ts';

/** `GET /account` with `HEROKU_API_TOKEN`: the token works and whose it is. */
export async function checkHerokuToken(settings: Settings): Promise<CheckResult> {
  const name = 'Heroku token';
  if (!settings.herokuApiToken)
    return { name, status: 'skipped', detail: 'HEROKU_API_TOKEN is not set: environments with the heroku provider cannot deploy' };
  const heroku = new Heroku({ token: settings.herokuApiToken, host: settings.herokuApiUrl, timeout: 10_000 });
  try {
    const account = await heroku.request<{ email?: string }>({ method: 'GET', path: '/account' });
    return { name, status: 'ok', detail: `accepted by ${settings.herokuApiUrl} (account ${account.email ?? 'unknown'})` };
  } catch (error) {
    const e = error as { statusCode?: number; body?: { message?: string }; code?: string; message?: string };
    if (e.statusCode === 401 || e.statusCode === 403)
      return {
        name,
        status: 'problem',
        detail: `${settings.herokuApiUrl} refused HEROKU_API_TOKEN (${e.statusCode}: ${e.body?.message ?? 'unauthorized'}); create a new one (heroku authorizations:create) and set it`,
      };
    const why = e.statusCode ? `answered ${e.statusCode}` : `does not answer (${e.code ?? e.message ?? String(error)})`;
    return { name, status: 'problem', detail: `the Heroku API at ${settings.herokuApiUrl} ${why}; check HEROKU_API_URL and the network` };
  }
}
