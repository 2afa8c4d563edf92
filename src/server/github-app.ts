import type { Logger } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import type { Settings } from '../config/settings.ts';
import type { GitHubClientFactory } from '../github/github-client.ts';
import type { AppClient } from '../redelivery/hook-deliveries.ts';

/**
 * GitHub clients for this app, from Probot's authentication (installation tokens cached, throttling
 * and retries); webhooks do not go through Probot (src/server/webhook-endpoint.ts).
 * `GITHUB_WRITE_THROTTLE=false` turns Octokit's write spacing
 * off for servers without GitHub.com's secondary rate limits (a GitHub Enterprise Server whose
 * admin disabled rate limiting, or the local sandbox).
 */
export function createProbot(settings: Settings, log: Logger): { github: GitHubClientFactory; appClient: () => Promise<AppClient> } {
  const Octokit = settings.githubWriteThrottle
    ? ProbotOctokit
    : ProbotOctokit.defaults((options: Record<string, unknown>) => ({
        ...options,
        throttle: { ...(options.throttle as object | undefined), enabled: false },
      }));
  const probot = new Probot({
    appId: settings.appId,
    privateKey: settings.privateKey,
    secret: settings.webhookSecret,
    baseUrl: settings.githubApiUrl,
    log: log.child({ name: 'probot' }),
    Octokit,
  });
  return {
    github: (installationId) => probot.auth(installationId) as ReturnType<GitHubClientFactory>,
    // Without an installation id Probot authenticates as the App itself (a JWT), as /app/... needs.
    appClient: () => probot.auth() as Promise<AppClient>,
  };
}
