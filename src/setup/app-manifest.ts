import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { packageRoot } from '../server/build-info.ts';
import { WEBHOOK_PATH } from '../server/webhook-gate.ts';
import { GITHUB_SIGN_IN_PATHS } from '../web/access/github-sign-in-routes.ts';

/** The part of `app.yml` a manifest takes over (the same file a test pins to the handlers). */
const appYml = z.object({
  name: z.string().min(1).max(34),
  url: z.url(),
  description: z.string().optional(),
  public: z.boolean().default(false),
  default_events: z.array(z.string()),
  default_permissions: z.record(z.string(), z.enum(['read', 'write', 'admin'])),
});
export type AppYml = z.infer<typeof appYml>;

/** Where GitHub sends the browser back after the App is created (with `code` and `state`). */
export const SETUP_CALLBACK_PATH = '/setup/registered';

/** Runway's `app.yml` (beside package.json, from the sources and from dist/ alike). */
export function readAppYml(file: URL | string = new URL('app.yml', packageRoot())): AppYml {
  return appYml.parse(parse(readFileSync(file, 'utf8')));
}

/**
 * The manifest GitHub registers the App from: `app.yml` plus this server's URLs. The webhook goes
 * to `PUBLIC_URL/api/github/webhooks`; GitHub sign-in comes back to `/login/github/callback`.
 */
export function buildManifest(app: AppYml, publicUrl: string): Record<string, unknown> {
  return {
    name: app.name,
    url: app.url,
    ...(app.description && { description: app.description }),
    public: app.public,
    hook_attributes: { url: `${publicUrl}${WEBHOOK_PATH}`, active: true },
    redirect_url: `${publicUrl}${SETUP_CALLBACK_PATH}`,
    callback_urls: [`${publicUrl}${GITHUB_SIGN_IN_PATHS[1]}`],
    request_oauth_on_install: false,
    default_events: app.default_events,
    default_permissions: app.default_permissions,
  };
}
