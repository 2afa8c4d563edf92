import type { FakeGitHub } from '../../sandbox/github/index.ts';

export const OWNER = 'bench';
export const REPO = 'app';
/** The environment of the overhead phase: its command prints its own start and end (ms since the epoch). */
export const TIMED_ENVIRONMENT = 'timed';
export const TIMED_COMMAND = 'echo "t0 $(date +%s%3N)"; sleep 0.1; echo "t1 $(date +%s%3N)"';

/**
 * A repository whose deploy.yml has `environments` load environments (bench-0 … ) running `true`
 * with the command provider, so the load's deployments spread over that many queues, plus the
 * timed environment.
 */
export function createBenchRepo(github: FakeGitHub, environments: number): { installationId: number; environments: string[] } {
  const names = Array.from({ length: environments }, (_, i) => `bench-${i}`);
  const yaml = [
    'environments:',
    ...names.flatMap((name) => [`  ${name}:`, '    branch: main', '    backend: { provider: command, run: "true" }']),
    `  ${TIMED_ENVIRONMENT}:`,
    '    branch: main',
    `    backend: { provider: command, run: ${JSON.stringify(TIMED_COMMAND)} }`,
    '',
  ].join('\n');
  const repo = github.createRepo({ owner: OWNER, name: REPO, files: { '.github/deploy.yml': yaml, 'README.md': '# bench\n' } });
  return { installationId: repo.installationId, environments: names };
}

/**
 * The token of a deployment tool with write access: deployments it creates carry it as their
 * creator, who passes the environments' default `deployers` (one created with Runway's own
 * installation token would be refused as an unlisted app).
 */
export function deployToolToken(github: FakeGitHub): string {
  github.setPermission(OWNER, REPO, 'deploy-tool', 'write');
  return github.userToken('deploy-tool');
}

/**
 * Creates deployments through the fake's REST API (as another tool would), `concurrency` at a time,
 * and returns their ids in order. The fake then tries to send `deployment.created` itself; the
 * benchmark leaves its webhook target unset so that only the load generator delivers.
 */
export async function createDeployments(
  github: FakeGitHub,
  token: string,
  environments: string[],
  count: number,
  concurrency = 16,
): Promise<number[]> {
  const ids: number[] = new Array<number>(count);
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const res = await fetch(`${github.url}/api/v3/repos/${OWNER}/${REPO}/deployments`, {
        method: 'POST',
        headers: { authorization: `token ${token}`, 'content-type': 'application/json', accept: 'application/vnd.github+json' },
        body: JSON.stringify({
          ref: 'main',
          environment: environments[i % environments.length],
          auto_merge: false,
          required_contexts: [],
          task: 'deploy',
        }),
      });
      if (res.status !== 201) throw new Error(`creating deployment ${i}: ${res.status} ${await res.text()}`);
      ids[i] = ((await res.json()) as { id: number }).id;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, one));
  return ids;
}
