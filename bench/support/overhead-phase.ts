/**
 * Runway's own time per deployment, measured one deployment at a time on a quiet Runway: from the
 * moment the webhook is sent to the moment the fake GitHub receives the `success` status, minus
 * the time the command itself ran (it prints its start and end; see TIMED_COMMAND). The times of
 * the `queued` and `in_progress` statuses are kept too, to show where the overhead goes.
 */
import { signBody, type FakeGitHub } from '../../sandbox/github/index.ts';
import { createDeployments, OWNER, REPO, TIMED_ENVIRONMENT } from './bench-repo.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

export interface OverheadSample {
  totalMs: number;
  commandMs: number;
  overheadMs: number;
  queuedMs: number;
  inProgressMs: number;
}

async function statusAt(
  github: FakeGitHub,
  deploymentId: number,
  state: string,
  from: number,
  timeoutMs = 30_000,
): Promise<{ at: number; logUrl?: string }> {
  const path = `/repos/${OWNER}/${REPO}/deployments/${deploymentId}/statuses`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (let i = from; i < github.calls.length; i++) {
      const call = github.calls[i]!;
      const body = call.body as { state?: string; log_url?: string } | null;
      if (call.method === 'POST' && call.path === path && body?.state === state) return { at: call.at, logUrl: body.log_url };
    }
    if (Date.now() > deadline) throw new Error(`no ${state} status for deployment ${deploymentId} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function commandTime(runwayUrl: string, logUrl: string): Promise<number> {
  const id = /\/deployments\/(\d+)$/.exec(logUrl)?.[1];
  if (!id) throw new Error(`unexpected log_url ${logUrl}`);
  const res = await fetchRunwayPage(runwayUrl, `/deployments/${id}/log.json`);
  const { lines } = (await res.json()) as { lines: { line: string }[] };
  const stamp = (name: string) => Number(lines.map((l) => new RegExp(`^${name} (\\d+)$`).exec(l.line)?.[1]).find(Boolean));
  const ms = stamp('t1') - stamp('t0');
  if (!Number.isFinite(ms)) throw new Error(`deployment ${id}: the command's time stamps are not in its log`);
  return ms;
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
    if (!res.ok) throw new Error(`overhead delivery answered ${res.status}: ${await res.text()}`);
    const queued = await statusAt(github, id, 'queued', from);
    const inProgress = await statusAt(github, id, 'in_progress', from);
    const success = await statusAt(github, id, 'success', from);
    const commandMs = await commandTime(input.runwayUrl, queued.logUrl ?? '');
    const totalMs = success.at - sentAt;
    samples.push({
      totalMs,
      commandMs,
      overheadMs: totalMs - commandMs,
      queuedMs: queued.at - sentAt,
      inProgressMs: inProgress.at - sentAt,
    });
  }
  return samples;
}
