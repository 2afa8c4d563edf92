import { z } from 'zod';
import { ProviderError } from '../deployments/errors.ts';
import { HerokuApi } from '../providers/heroku/api-client.ts';

/** What Runway needs to reach the Platform API (from the settings snapshot). */
export interface PreviewHerokuAccess {
  readonly baseUrl: string;
  readonly token: string | undefined;
}

const createdApp = z.object({ id: z.string().min(1), name: z.string(), web_url: z.string().nullable().optional() });
const anything = z.unknown();

export type CreatedApp =
  | { ok: true; id: string }
  /** `taken`: the name belongs to an app Runway did not create (never taken over); `refused`: Heroku said no. */
  | { ok: false; reason: 'taken' | 'refused'; message: string };

function api(access: PreviewHerokuAccess, app: string, maxAttempts = 3): HerokuApi {
  if (!access.token) throw new ProviderError('no Heroku API token (HEROKU_API_TOKEN): previews cannot create apps');
  return new HerokuApi({ baseUrl: access.baseUrl, token: access.token, app, maxAttempts });
}

/**
 * `POST /apps` for a preview, tried once: a repeated create after a lost answer would find the name
 * taken, and a name Runway cannot prove is its own (by the id it recorded) is never used.
 */
export async function createPreviewApp(access: PreviewHerokuAccess, name: string): Promise<CreatedApp> {
  try {
    const app = await api(access, name, 1).post('/apps', createdApp, { body: { name } });
    return { ok: true, id: app.id };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (/already taken/i.test(error.message))
      return { ok: false, reason: 'taken', message: `a Heroku app named ${name} exists already, and Runway did not create it` };
    if (/answered 422/.test(error.message)) return { ok: false, reason: 'refused', message: error.message };
    throw error;
  }
}

/** `POST /apps/{id}/addons` for each plan; the first refusal is returned as its message. */
export async function provisionAddons(
  access: PreviewHerokuAccess,
  appId: string,
  name: string,
  plans: readonly string[],
): Promise<string | undefined> {
  for (const plan of plans) {
    try {
      await api(access, name).post(`/apps/${appId}/addons`, anything, { body: { plan } });
    } catch (error) {
      if (error instanceof ProviderError && /answered 422/.test(error.message)) return `add-on ${plan}: ${error.message}`;
      throw error;
    }
  }
  return undefined;
}

/** `DELETE /apps/{id}` by the id Runway recorded (its add-ons go with it); an app already gone is done. */
export async function deletePreviewApp(access: PreviewHerokuAccess, appId: string, name: string): Promise<'deleted' | 'gone'> {
  try {
    await api(access, name).call('DELETE', `/apps/${appId}`, { notFound: 'gone' });
    return 'deleted';
  } catch (error) {
    if (error instanceof ProviderError && error.message === 'gone') return 'gone';
    throw error;
  }
}
