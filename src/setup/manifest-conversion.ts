import { request as octokitRequest } from '@octokit/request';
import { z } from 'zod';
import type { AppSettings } from './store-app-settings.ts';

/** `POST /app-manifests/{code}/conversions`: the fields Runway keeps (https://docs.github.com/rest/apps/apps#create-a-github-app-from-a-manifest). */
const conversion = z.object({
  id: z.number().int().positive(),
  slug: z.string().min(1),
  name: z.string(),
  html_url: z.url(),
  owner: z.object({ login: z.string() }).nullable(),
  pem: z.string().regex(/-----BEGIN (RSA )?PRIVATE KEY-----/),
  webhook_secret: z.string().min(1),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
});

export interface RegisteredApp {
  settings: AppSettings;
  name: string;
  slug: string;
  owner: string | undefined;
  /** The App's page on GitHub; `/installations/new` under it installs it. */
  htmlUrl: string;
}

export type ConversionResult =
  | { ok: true; app: RegisteredApp }
  | { ok: false; reason: 'refused'; status: number }
  | { ok: false; reason: 'unreachable' | 'malformed'; message: string };

/**
 * Trades the code GitHub put in the redirect for the new App's credentials. GitHub answers a used,
 * expired or made-up code with 404 (or 422): that is `refused`, and nothing is written.
 */
export async function convertManifestCode(githubApiUrl: string, code: string): Promise<ConversionResult> {
  let data: unknown;
  try {
    const response = await octokitRequest('POST /app-manifests/{code}/conversions', { baseUrl: githubApiUrl, code });
    data = response.data;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return { ok: false, reason: 'refused', status };
    return { ok: false, reason: 'unreachable', message: (error as Error).message };
  }
  const parsed = conversion.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'malformed', message: 'the answer lacks the App id, key, secret or OAuth client' };
  const app = parsed.data;
  return {
    ok: true,
    app: {
      settings: {
        APP_ID: String(app.id),
        PRIVATE_KEY: app.pem,
        WEBHOOK_SECRET: app.webhook_secret,
        GITHUB_CLIENT_ID: app.client_id,
        GITHUB_CLIENT_SECRET: app.client_secret,
      },
      name: app.name,
      slug: app.slug,
      owner: app.owner?.login,
      htmlUrl: app.html_url,
    },
  };
}
