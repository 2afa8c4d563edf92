import type { FakeGitHub } from './github/index.ts';
import { fetchRunwayPage } from './runway-pages.ts';

const FINAL = new Set(['success', 'failure', 'error']);

export interface FollowedDeployment {
  id: number;
  environment: string;
  state: string;
  description: string;
  logUrl: string;
  environmentUrl: string;
}

/**
 * Prints each deployment status as GitHub receives it, and each step of Runway's log as it goes,
 * until every deployment of the repository created after `since` has ended.
 */
export async function followDeployments(input: {
  github: FakeGitHub;
  owner: string;
  repo: string;
  runwayUrl: string;
  expected: number;
  timeoutMs: number;
  print: (line: string) => void;
}): Promise<FollowedDeployment[]> {
  const { github, owner, repo, print } = input;
  const printedStatuses = new Map<number, number>();
  const logSeq = new Map<number, number>();
  const deadline = Date.now() + input.timeoutMs;
  for (;;) {
    const deployments = github.deployments(owner, repo);
    for (const d of deployments) {
      const seen = printedStatuses.get(d.id) ?? 0;
      const fresh = d.statuses.slice(seen);
      printedStatuses.set(d.id, d.statuses.length);
      // Steps first: a final status arrives after the log lines that led to it.
      const isFinal = fresh.some((s) => FINAL.has(s.state));
      if (!isFinal) for (const s of fresh) print(`  [${d.environment}] ${s.state.padEnd(11)} ${s.description}`);
      const logUrl = d.statuses.at(-1)?.logUrl;
      if (logUrl) await printSteps(input.runwayUrl, d.environment, logUrl, logSeq, d.id, print);
      if (isFinal) for (const s of fresh) print(`  [${d.environment}] ${s.state.padEnd(11)} ${s.description}`);
    }
    const ended = deployments.filter((d) => d.statuses.some((s) => FINAL.has(s.state)));
    if (deployments.length >= input.expected && ended.length === deployments.length) {
      return deployments.map((d) => {
        const last = d.statuses.find((s) => FINAL.has(s.state))!;
        return {
          id: d.id,
          environment: d.environment,
          state: last.state,
          description: last.description,
          logUrl: last.logUrl,
          environmentUrl: last.environmentUrl,
        };
      });
    }
    if (Date.now() > deadline) throw new Error(`deployments did not end within ${input.timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function printSteps(
  runwayUrl: string,
  environment: string,
  logUrl: string,
  seqs: Map<number, number>,
  id: number,
  print: (l: string) => void,
) {
  const after = seqs.get(id) ?? 0;
  const res = await fetchRunwayPage(runwayUrl, `${new URL(logUrl).pathname}/log.json?after=${after}`);
  if (!res.ok) return;
  const body = (await res.json()) as { lines: { seq: number; line: string }[] };
  for (const l of body.lines) {
    if (/^[▶✔✖↩]/u.test(l.line)) print(`  [${environment}]   ${l.line}`);
    seqs.set(id, l.seq);
  }
}
