import type { Context } from 'hono';
import type { AppKeys } from './app-auth.ts';
import { FakeHttpError } from './http-error.ts';
import type { Urls } from './shapes/urls.ts';
import type { ChecksState } from './checks/checks-state.ts';
import type { FakeState } from './state.ts';
import type { PayloadBuilders } from './types.ts';
import type { WebhookSender } from './webhook-sender.ts';

/** Everything the routes share. */
export type FakeContext = {
  state: FakeState;
  /** Required checks, check runs and other apps (CI). */
  checks: ChecksState;
  urls: Urls;
  sender: WebhookSender;
  build: PayloadBuilders;
  keys: AppKeys;
  appId: number;
  appSlug: string;
  /** The App's permissions and events (`GET /app`, installations); a manifest conversion sets them. */
  appPermissions: Record<string, string>;
  appEvents: string[];
  strictTokens: boolean;
  /** Installation token → installation id. */
  tokens: Map<string, number>;
  /** A person's (or a machine user's) token → who they are: what they create carries their login. */
  userTokens: Map<string, { login: string; type: 'User' | 'Bot' }>;
  /** Whether `/app/hook/deliveries` exists (older GitHub Enterprise Server versions answer 404). */
  hookDeliveriesApi: boolean;
  /** The App's OAuth client and what its web flow has handed out. */
  oauth: OAuthState;
};

export type OAuthState = {
  clientId: string;
  clientSecret: string;
  /** One-use codes from the authorize page. */
  codes: Map<string, { login: string; clientId: string; redirectUri: string; expiresAt: number }>;
  /** User tokens of signed-in people (`ghu_…`) → login; good for `GET /user` only. */
  userTokens: Map<string, string>;
};

/** Who is calling: the app itself (JWT), one of its installations (token), or a user with a token of their own. */
export type Actor =
  | { kind: 'app' }
  | { kind: 'installation'; installationId: number | null; login: string; type: 'Bot' }
  | { kind: 'user'; login: string; type: 'User' | 'Bot' };

export type Env = { Variables: { actor: Actor } };

export async function readJson(c: Context<Env>): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch (error) {
    throw new FakeHttpError(400, 'Problems parsing JSON', { detail: (error as Error).message });
  }
  throw new FakeHttpError(400, 'Problems parsing JSON');
}

/** The caller's login (an installation's bot, or a user), as GitHub shows it on what they create. */
export const actorLogin = (c: Context<Env>, fallback: string): string => {
  const actor = c.get('actor');
  return actor.kind === 'app' ? fallback : actor.login;
};

/** The caller's user type: an installation is a Bot, a user token is whatever its user is. */
export const actorType = (c: Context<Env>): 'User' | 'Bot' => {
  const actor = c.get('actor');
  return actor.kind === 'app' ? 'User' : actor.type;
};

export function repoParams(c: Context<Env>): { owner: string; repo: string } {
  return { owner: c.req.param('owner') ?? '', repo: c.req.param('repo') ?? '' };
}

export function intParam(c: Context<Env>, name: string): number {
  const value = Number(c.req.param(name));
  if (!Number.isInteger(value)) throw new FakeHttpError(404, 'Not Found');
  return value;
}
