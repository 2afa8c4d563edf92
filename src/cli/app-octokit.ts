import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import type { Settings } from '../config/settings.ts';

/** `@octokit/rest` authenticated as the App (JWT), or, with an installation id, as that installation. */
export function appOctokit(settings: Pick<Settings, 'appId' | 'privateKey' | 'githubApiUrl'>, installationId?: number): Octokit {
  return new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: settings.appId, privateKey: settings.privateKey, ...(installationId !== undefined && { installationId }) },
    baseUrl: settings.githubApiUrl,
    userAgent: 'runway-cli',
    request: { signal: AbortSignal.timeout(15_000) },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
}

/** One line for a failed GitHub call: its status and message, or why nothing answered. */
export function describeGitHubError(error: unknown, apiUrl: string): string {
  const e = error as { status?: number; response?: unknown; message?: string; cause?: { code?: string; message?: string } };
  // Octokit reports a request that got no answer as status 500 without a response.
  if (typeof e.status === 'number' && e.response !== undefined) return `GitHub answered ${e.status}: ${e.message ?? ''}`.trim();
  const why = e.cause?.code ?? /\b(E[A-Z]{4,})\b/.exec(e.message ?? '')?.[1] ?? e.message ?? String(error);
  return `GitHub at ${apiUrl} does not answer (${why})`;
}
