/**
 * Runway's own time per deployment, measured one deployment at a time on a quiet Runway: from the
 * moment the webhook is sent to the moment the fake GitHub receives the `success` status, minus
 * the time the command itself ran (it prints its start and end; see TIMED_COMMAND). Each sample
 * keeps the time of every step it can see from outside (the acknowledgement, each status, the
 * command's start and end) and a timeline of the GitHub calls and log lines, to show where the
 * overhead goes (bench/support/overhead-report.ts).
 */
import { signBody, type FakeGitHub } from '../../sandbox/github/index.ts';
import { createDeployments, OWNER, REPO, TIMED_ENVIRONMENT } from './bench-repo.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

/** Milliseconds after the webhook was sent. */
export interface OverheadSample {
  totalMs: number;
  commandMs: number;
  overheadMs: number;
  ackMs: number;
  queuedMs: number;
  inProgressMs: number;
  /** When Runway logged the command line (`$ …`), just before it asks the sandbox to start it. */
  shellMs: number;
  commandStartMs: number;
  commandEndMs: number;
  /** Every GitHub call Runway made and every line of the deployment's log, in time order. */
  timeline: { ms: number; what: string }[];
}

interface LogLine {
  at: string;
  line: string;
}

const statusesPath = (deploymentId: number) => `/repos/${OWNER}/${REPO}/deployments/${deploymentId}/statuses`;

async function statusAt(
  github: FakeGitHub,
  deploymentId: number,
  state: string,
  from: number,
  timeoutMs = 30_000,
): Promise<{ at: number; index: number; logUrl?: string }> {
  const path = statusesPath(deploymentId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (let i = from; i < github.calls.length; i++) {
      const call = github.calls[i]!;
      const body = call.body as { state?: string; log_url?: string } | null;
      if (call.method === 'POST' && call.path === path && body?.state === state) return { at: call.at, index: i, logUrl: body.log_url };
    }
    if (Date.now() > deadline) throw new Error(`no ${state} status for deployment ${deploymentId} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The deployment's log, and the command's own start and end (epoch ms) from the lines it printed. */
async function readLog(runwayUrl: string, logUrl: string): Promise<{ lines: LogLine[]; t0: number; t1: number; shellAt: number }> {
  const id = /\/deployments\/(\d+)$/.exec(logUrl)?.[1];
  if (!id) throw new Error(`unexpected log_url ${logUrl}`);
  const res = await fetchRunwayPage(runwayUrl, `/deployments/${id}/log.json`);
  const { lines } = (await res.json()) as { lines: LogLine[] };
  const stamp = (name: string) => Number(lines.map((l) => new RegExp(`^${name} (\\d+)$`).exec(l.line)?.[1]).find(Boolean));
  const t0 = stamp('t0');
  const t1 = stamp('t1');
  const shell = lines.find((l) => l.line.startsWith('$ '));
  if (!Number.isFinite(t1 - t0) || !shell) throw new Error(`deployment ${id}: the command's time stamps are not in its log`);
  return { lines, t0, t1, shellAt: new Date(shell.at).getTime() };
}

function timeline(github: FakeGitHub, range: { from: number; to: number }, lines: LogLine[], sentAt: number): OverheadSample['timeline'] {
  const calls = github.calls.slice(range.from, range.to + 1).map((c) => {
    const state = (c.body as { state?: unknown } | null)?.state;
    return { ms: c.at - sentAt, what: `GitHub ${c.method} ${c.path}${typeof state === 'string' ? ` (${state})` : ''}` };
  });
  const logged = lines.map((l) => ({ ms: new Date(l.at).getTime() - sentAt, what: `log: ${l.line.slice(0, 90)}` }));
  return [...calls, ...logged].sort((a, b) => a.ms - b.ms);
}

export async function measureOverhead(input: {
  github: FakeGitHub;
  token: string;
  runwayUrl: string;
  count: number;
}): Promise<OverheadSample[]> {
  const { github } = input;
  const samples: OverheadSample[] = [];
  const ids = await createDeployments(github, input.token, [TIMED_ENVIRONMENT], input.count, 1);
  for (const id of ids) {
    const body = JSON.stringify(github.buildPayload.deploymentCreated(OWNER, REPO, id));
    const from = github.calls.length;
    const sentAt = Date.now();
    const res = await fetch(`${input.runwayUrl}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'deployment',
        'x-github-delivery': crypto.randomUUID(),
        'x-hub-signature-256': signBody(github.webhookSecret, body),
      },
      body,
    });
    const ackMs = Date.now() - sentAt;
    if (!res.ok) throw new Error(`overhead delivery answered ${res.status}: ${await res.text()}`);
    const queued = await statusAt(github, id, 'queued', from);
    const inProgress = await statusAt(github, id, 'in_progress', from);
    const success = await statusAt(github, id, 'success', from);
    const log = await readLog(input.runwayUrl, queued.logUrl ?? '');
    const totalMs = success.at - sentAt;
    const commandMs = log.t1 - log.t0;
    samples.push({
      totalMs,
      commandMs,
      overheadMs: totalMs - commandMs,
      ackMs,
      queuedMs: queued.at - sentAt,
      inProgressMs: inProgress.at - sentAt,
      shellMs: log.shellAt - sentAt,
      commandStartMs: log.t0 - sentAt,
      commandEndMs: log.t1 - sentAt,
      timeline: timeline(github, { from, to: success.index }, log.lines, sentAt),
    });
    // Runway goes quiet before the next one (chat notifications and the like end after `success`).
    await new Promise((r) => setTimeout(r, 250));
  }
  return samples;
}
