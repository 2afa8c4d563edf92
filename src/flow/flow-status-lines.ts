import { environmentKey } from '../jobs/environment-key.ts';
import type { Queryable } from '../store/database.ts';
import { environmentWaits } from '../store/deployment-waits-store.ts';
import { listDeployments } from '../store/deployments-store.ts';
import { faultyMarks } from '../store/faulty-deployments-store.ts';
import { getHold } from '../store/holds-store.ts';
import { holdText } from './advance-deployment.ts';

/** What `/status` shows of the deploy flow for one environment: its hold, deployments waiting outside the line, faulty ones. */
export async function flowStatusLines(db: Queryable, where: { owner: string; repo: string; environment: string }): Promise<string[]> {
  const lines: string[] = [];
  const hold = await getHold(db, environmentKey(where.owner, where.repo, where.environment));
  if (hold) lines.push(`- ⏸️ ${holdText(hold)}: merges wait for \`/resume ${where.environment}\``);
  for (const w of await environmentWaits(db, where)) {
    const why = w.reason === 'hold' ? 'held' : (w.summary ?? 'waiting for CI');
    lines.push(`- waiting: \`${w.sha.slice(0, 7)}\` (deployment ${w.githubId}, ${why})`);
  }
  const recent = await listDeployments(db, { ...where, limit: 20 });
  const faulty = await faultyMarks(
    db,
    recent.map((d) => d.id),
  );
  for (const d of recent) {
    const by = faulty.get(d.id);
    if (by) lines.push(`- ⚠️ faulty: \`${d.sha.slice(0, 7)}\` (deployment ${d.githubId}), rolled back by @${by}`);
  }
  return lines;
}
