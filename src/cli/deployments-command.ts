import { loadSettings } from '../config/settings.ts';
import { appOctokit, describeGitHubError } from './app-octokit.ts';
import type { CliOutput } from './cli-output.ts';
import { EXIT } from './exit-codes.ts';

const REPOSITORY = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;

/**
 * `runway deployments <owner/repo> [environment]`: GitHub's record of the repository's latest
 * deployments (30, newest first) and each one's last status, read with the App's installation.
 */
export async function deploymentsCommand(
  env: Readonly<Record<string, string | undefined>>,
  args: { repository: string; environment?: string },
  out: CliOutput,
): Promise<number> {
  const match = REPOSITORY.exec(args.repository);
  if (!match) {
    out.error(`runway deployments: "${args.repository}" is not owner/repo`);
    return EXIT.usage;
  }
  const [, owner, repo] = match as unknown as [string, string, string];
  const loaded = loadSettings(env);
  if (!loaded.ok) {
    out.error(`runway deployments needs Runway's settings: ${loaded.problems.join('; ')}`);
    return EXIT.usage;
  }
  const { settings } = loaded;
  try {
    const installation = await appOctokit(settings).rest.apps.getRepoInstallation({ owner, repo });
    const github = appOctokit(settings, installation.data.id);
    const { data: deployments } = await github.rest.repos.listDeployments({
      owner,
      repo,
      per_page: 30,
      ...(args.environment && { environment: args.environment }),
    });
    if (deployments.length === 0) {
      out.print(`No deployments of ${args.repository}${args.environment ? ` to ${args.environment}` : ''}.`);
      return EXIT.ok;
    }
    for (const d of deployments) {
      const { data: statuses } = await github.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: d.id, per_page: 1 });
      const last = statuses[0];
      const state = last ? last.state : 'no status';
      const description = last?.description ? ` — ${last.description}` : '';
      out.print(`#${d.id}  ${d.environment}  ${d.sha.slice(0, 7)}  ${d.created_at}  ${d.creator?.login ?? '?'}  ${state}${description}`);
    }
    return EXIT.ok;
  } catch (error) {
    const status = (error as { status?: number }).status;
    const hint = status === 404 ? ` (is the App installed on ${args.repository}?)` : '';
    out.error(`runway deployments: ${describeGitHubError(error, settings.githubApiUrl)}${hint}`);
    return EXIT.problems;
  }
}
