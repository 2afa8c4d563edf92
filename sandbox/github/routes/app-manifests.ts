import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { z } from 'zod';
import { generateAppKeys } from '../app-auth.ts';
import type { Env, FakeContext } from '../context.ts';
import { userShape } from '../shapes/user.ts';
import { FAKE_USER_COOKIE } from './oauth.ts';

/** What GitHub requires of a manifest (https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest). */
const manifestSchema = z.object({
  name: z.string().min(1).max(34).optional(),
  url: z.url(),
  hook_attributes: z.object({ url: z.url(), active: z.boolean().optional() }).optional(),
  redirect_url: z.url().optional(),
  callback_urls: z.array(z.url()).max(10).optional(),
  setup_url: z.url().optional(),
  description: z.string().optional(),
  public: z.boolean().optional(),
  default_events: z.array(z.string()).optional(),
  default_permissions: z.record(z.string(), z.enum(['read', 'write', 'admin'])).optional(),
});
type Manifest = z.infer<typeof manifestSchema>;

/** A code lasts an hour and is good for one conversion, as on GitHub. */
const CODE_TTL_MS = 60 * 60_000;

/**
 * GitHub's manifest flow: a form POSTs `manifest` (JSON) to `/settings/apps/new` (or
 * `/organizations/{org}/settings/apps/new`), optionally with `?state=`; the signed-in person
 * confirms on GitHub's page; GitHub sends the browser to `redirect_url?code=…&state=…`; the app
 * trades the code at `POST /api/v3/app-manifests/{code}/conversions` (no authentication) for the
 * new App's id, key, webhook secret and OAuth client. The fake hosts one App: a conversion makes
 * the new registration the App it answers for (JWTs, webhook signatures and target, OAuth client).
 */
export function appManifestRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  const codes = new Map<string, { manifest: Manifest; owner: string; ownerType: 'User' | 'Organization'; expiresAt: number }>();

  const newAppForm = async (c: Context<Env>, org: string | undefined) => {
    const form = await c.req.parseBody();
    const state = c.req.query('state') ?? '';
    let manifest: Manifest;
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(String(form.manifest ?? '')));
      if (!parsed.success)
        return c.html(
          html`<h1>Invalid GitHub App configuration</h1>
            <p>${parsed.error.message}</p>`,
          422,
        );
      manifest = parsed.data;
    } catch (error) {
      return c.html(
        html`<h1>Invalid GitHub App configuration</h1>
          <p>${(error as Error).message}</p>`,
        422,
      );
    }
    const login = getCookie(c, FAKE_USER_COOKIE) ?? 'runway-owner';
    const owner = org ?? login;
    const code = randomBytes(16).toString('hex');
    codes.set(code, { manifest, owner, ownerType: org ? 'Organization' : 'User', expiresAt: Date.now() + CODE_TTL_MS });
    const back = new URL(manifest.redirect_url ?? manifest.url);
    back.searchParams.set('code', code);
    if (state) back.searchParams.set('state', state);
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <title>Create GitHub App</title>
          </head>
          <body>
            <main>
              <h1>Create GitHub App for ${owner}</h1>
              <p>Name: <strong>${manifest.name ?? 'unnamed'}</strong></p>
              <p>Webhook URL: <code>${manifest.hook_attributes?.url ?? 'none'}</code></p>
              <p>Events: ${(manifest.default_events ?? []).join(', ')}</p>
              <a id="create" href="${back.toString()}">Create GitHub App for ${owner}</a>
            </main>
          </body>
        </html>`,
    );
  };
  app.post('/settings/apps/new', (c) => newAppForm(c, undefined));
  app.post('/organizations/:org/settings/apps/new', (c) => newAppForm(c, c.req.param('org')));

  app.post('/api/v3/app-manifests/:code/conversions', (c) => {
    const code = c.req.param('code');
    const grant = codes.get(code);
    codes.delete(code);
    if (!grant || grant.expiresAt < Date.now())
      return c.json(
        {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest/apps/apps#create-a-github-app-from-a-manifest',
          status: '404',
        },
        404,
      );
    const { manifest } = grant;
    const keys = generateAppKeys();
    const id = ctx.appId + 1 + Math.floor(Math.random() * 1000);
    const slug = (manifest.name ?? `app-${id}`)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const webhookSecret = randomBytes(20).toString('hex');
    const clientId = `Iv23li${randomBytes(7).toString('hex')}`;
    const clientSecret = randomBytes(20).toString('hex');
    Object.assign(ctx, {
      appId: id,
      appSlug: slug,
      keys,
      appPermissions: { metadata: 'read', ...manifest.default_permissions },
      appEvents: [...(manifest.default_events ?? [])],
    });
    ctx.sender.secret = webhookSecret;
    ctx.sender.target = manifest.hook_attributes?.url ?? null;
    Object.assign(ctx.oauth, { clientId, clientSecret });
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return c.json(
      {
        id,
        slug,
        node_id: `A_kwHO${id}`,
        client_id: clientId,
        owner: userShape(ctx.urls, grant.owner, grant.ownerType),
        name: manifest.name ?? slug,
        description: manifest.description ?? null,
        external_url: manifest.url,
        html_url: `${ctx.urls.web}/apps/${slug}`,
        created_at: now,
        updated_at: now,
        permissions: ctx.appPermissions,
        events: ctx.appEvents,
        installations_count: 0,
        client_secret: clientSecret,
        webhook_secret: webhookSecret,
        pem: keys.privateKey,
      },
      201,
    );
  });

  app.get('/apps/:slug/installations/new', (c) =>
    c.html(
      html`<h1>Install ${c.req.param('slug')}</h1>
        <p>Choose the repositories.</p>`,
    ),
  );
  return app;
}
