import { causeOf } from '../deployments/deployment-cause.ts';
import { environmentKey } from '../jobs/environment-key.ts';
import { untilText } from '../locks/lock-end.ts';
import { liveDeployment, openRuns } from '../store/environment-view.ts';
import { getLock } from '../store/locks-store.ts';
import { flowStatusLines } from '../flow/flow-status-lines.ts';
import { authorize, findEnvironment } from './authorize.ts';
import type { Command } from './command.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';

function when(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'an unknown time';
}

async function environmentStatus(ctx: CommandContext, name: string): Promise<string[]> {
  const { owner, repo } = ctx.request;
  const { db, logUrl } = ctx.services;
  const key = environmentKey(owner, repo, name);
  const [live, lock, runs] = await Promise.all([
    liveDeployment(db, { owner, repo, environment: name }),
    getLock(db, key),
    openRuns(db, key),
  ]);
  const lines = [`**${name}**`];
  if (live) {
    const by = causeOf(live)?.login;
    const site = live.environmentUrl ? ` · [site](${live.environmentUrl})` : '';
    lines.push(
      `- live: \`${live.sha.slice(0, 7)}\` since ${when(live.finishedAt)}${by ? ` by @${by}` : ''} (deployment ${live.githubId}, [log](${logUrl(live.id)}))${site}`,
    );
  } else {
    lines.push('- live: nothing deployed by Runway yet');
  }
  if (lock) {
    const until = lock.expiresAt ? ` ${untilText(lock.expiresAt)}` : '';
    lines.push(`- 🔒 locked by @${lock.owner} since ${when(lock.createdAt)}${until}${lock.reason ? `: ${lock.reason}` : ''}`);
  }
  lines.push(...(await flowStatusLines(db, { owner, repo, environment: name })));
  if (runs.length === 0) lines.push('- queue: empty');
  else {
    const items = runs.map(
      (r) => `\`${r.sha.slice(0, 7)}\` (deployment ${r.githubId}, ${r.jobState === 'running' ? 'running' : 'waiting'})`,
    );
    lines.push(`- queue: ${items.join(', ')}`);
  }
  return lines;
}

/** `/status [<env>]`: what is live, since when and by whom; the lock; the queue. */
export async function statusCommand(ctx: CommandContext, cmd: Extract<Command, { kind: 'status' }>): Promise<CommandAnswer> {
  if (cmd.environment !== undefined) {
    const env = findEnvironment(ctx, cmd.environment);
    if (!env.ok) return env;
  }
  const allowed = await authorize(ctx, 'read');
  if (!allowed.ok) return allowed;
  const names = cmd.environment !== undefined ? [cmd.environment] : Object.keys(ctx.config.environments);
  if (names.length === 0) return { ok: true, reply: 'This repository has no environments in `.github/deploy.yml` yet.' };
  const sections = await Promise.all(names.map((n) => environmentStatus(ctx, n)));
  return { ok: true, reply: ['### Runway status', '', ...sections.flatMap((s) => [...s, ''])].join('\n').trimEnd() };
}
