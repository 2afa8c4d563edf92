import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { SETUP_CALLBACK_PATH } from './app-manifest.ts';
import type { SetupOutcome } from './setup-outcome.ts';
import { outcomePage, registerPage } from './setup-pages.ts';

export interface SetupAppOptions {
  /** The one-time token in the setup URL; anything else answers 404. */
  token: string;
  /** The manifest JSON the form sends to GitHub. */
  manifest: string;
  /** GitHub's web root (github.com, or the GHES host). */
  githubWebUrl: string;
  /** `GH_ORG`: register for this organisation unless the page is asked for another. */
  defaultOrg?: string;
  /** Trades GitHub's code for the App and stores it; called at most once with success. */
  complete(code: string): Promise<SetupOutcome>;
}

const ORG = /^[A-Za-z0-9-]{1,39}$/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The URL path of the setup page for a token. */
export const setupPath = (token: string): string => `/setup/${token}`;

/** A fresh one-time token for the setup URL. */
export const newSetupToken = (): string => randomBytes(24).toString('base64url');

/**
 * Setup mode's whole server: the register page behind the one-time token, and GitHub's redirect
 * back, which must carry the `state` this page handed out. Everything else, and everything once an
 * App is stored, answers 404: setup opens nothing else.
 */
export function createSetupApp(options: SetupAppOptions): Hono {
  const app = new Hono();
  const state = randomBytes(16).toString('hex');
  let finished = false;
  let completing = false;

  // Before `/setup/:token`, which would take `registered` for a token.
  app.get(SETUP_CALLBACK_PATH, async (c) => {
    const code = c.req.query('code');
    if (finished || completing || !code || !sameSecret(c.req.query('state') ?? '', state)) return c.notFound();
    completing = true;
    try {
      const outcome = await options.complete(code);
      if (outcome.kind === 'stored' || outcome.kind === 'not-stored') finished = true;
      const status = outcome.kind === 'refused' ? 400 : outcome.kind === 'unreachable' ? 502 : 200;
      return c.html(outcomePage(outcome), status);
    } finally {
      completing = false;
    }
  });

  app.get('/setup/:token', (c) => {
    if (finished || !sameSecret(c.req.param('token'), options.token)) return c.notFound();
    const asked = c.req.query('org');
    const org = asked === undefined ? options.defaultOrg : asked.trim() || undefined;
    if (org !== undefined && !ORG.test(org)) return c.text('org must be a GitHub organisation name\n', 400);
    const where = org ? `/organizations/${org}/settings/apps/new` : '/settings/apps/new';
    const action = `${options.githubWebUrl}${where}?state=${state}`;
    return c.html(registerPage({ manifest: options.manifest, action, org, selfUrl: setupPath(options.token) }));
  });

  app.notFound((c) => c.text('Not Found\n', 404));
  return app;
}
