import type { DeploymentRecord } from '../store/deployments-store.ts';
import type { StepRecord } from '../store/steps-store.ts';
import type { StepState } from './deployment-state.ts';

const stepIcons: Readonly<Record<StepState, string>> = {
  pending: '⏸️ pending',
  running: '⏳ running',
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
  undone: '↩️ undone',
  undo_failed: '⚠️ undo failed',
};

function headline(d: DeploymentRecord): string {
  const sha = `\`${d.sha.slice(0, 7)}\``;
  const what = d.task === 'deploy:rollback' ? 'Rollback' : 'Deployment';
  switch (d.state) {
    case 'queued':
      return `⏳ ${what} of ${sha} to **${d.environment}** is queued`;
    case 'in_progress':
      return `🚀 ${d.task === 'deploy:rollback' ? 'Rolling back' : 'Deploying'} ${sha} to **${d.environment}**`;
    case 'success':
    case 'inactive':
      return `✅ ${d.task === 'deploy:rollback' ? 'Rolled back' : 'Deployed'} ${sha} to **${d.environment}**`;
    case 'failure':
    case 'error':
      return `❌ ${what} of ${sha} to **${d.environment}** failed`;
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function origin(d: DeploymentRecord): string | undefined {
  const o = d.origin;
  if (o?.trigger === 'merge') return `merge of #${String(o.issueNumber)} by @${o.actor}`;
  if (o?.trigger === 'command') return `requested by @${o.actor}`;
  if (o?.trigger === 'preview') return `preview of #${String(o.issueNumber)} for @${o.actor}`;
  if (o?.trigger === 'push' || o?.trigger === 'tag' || o?.trigger === 'release') return `${o.trigger} by @${o.actor}`;
  return undefined;
}

/** What the deploy flow adds to a deployment's comment: the one that shipped it instead, or who marked it faulty. */
export interface CommentFlow {
  supersededBy?: DeploymentRecord;
  faultyBy?: string;
}

function shippedBy(d: DeploymentRecord, by: DeploymentRecord): string[] {
  const sha = `\`${by.sha.slice(0, 7)}\``;
  const head = `### ⏭️ Deployment of \`${d.sha.slice(0, 7)}\` to **${d.environment}** was superseded by ${sha} (deployment ${by.githubId})`;
  const how: Record<DeploymentRecord['state'], string> = {
    queued: `It ships with deployment ${by.githubId}, which is queued.`,
    in_progress: `It ships with deployment ${by.githubId}, which is running.`,
    success: `✅ Shipped by deployment ${by.githubId} (${sha}), which succeeded.`,
    inactive: `✅ Shipped by deployment ${by.githubId} (${sha}), which succeeded.`,
    failure: `❌ Deployment ${by.githubId} (${sha}), which carried it, failed${by.description ? `: ${cell(by.description)}` : '.'}`,
    error: `❌ Deployment ${by.githubId} (${sha}), which carried it, ended with an error${by.description ? `: ${cell(by.description)}` : '.'}`,
  };
  return [head, '', how[by.state], ''];
}

/**
 * The one Runway comment of a deployment, rendered from the store each time it changes: the
 * environment, each step with its outcome, links to the log and the site, and what was rolled back.
 */
export function prCommentBody(d: DeploymentRecord, steps: readonly StepRecord[], logUrl: string, flow: CommentFlow = {}): string {
  const lines = flow.supersededBy ? shippedBy(d, flow.supersededBy) : [`### ${headline(d)}`, ''];
  if (flow.faultyBy) lines.push(`⚠️ Marked faulty: @${flow.faultyBy} rolled it back.`, '');
  if (d.state === 'queued' && d.description) lines.push(`_${cell(d.description)}_`, '');
  if (steps.length > 0) {
    lines.push('| Step | Outcome |', '| --- | --- |');
    for (const s of steps) lines.push(`| \`${s.name}\` | ${stepIcons[s.state]}${s.summary ? ` — ${cell(s.summary)}` : ''} |`);
    lines.push('');
  }
  if ((d.state === 'failure' || d.state === 'error' || d.state === 'success') && d.description) lines.push(`> ${cell(d.description)}`, '');
  const notes = Array.isArray(d.summary.notes) ? (d.summary.notes as unknown[]).filter((n): n is string => typeof n === 'string') : [];
  if ((d.state === 'failure' || d.state === 'error') && notes.length > 0) lines.push(`**Rolled back:** ${cell(notes.join('; '))}`, '');
  const links = [`[Log](${logUrl})`, ...(d.environmentUrl ? [`[Site](${d.environmentUrl})`] : [])];
  const from = origin(d);
  lines.push(`${links.join(' · ')} · deployment ${d.githubId}${from ? ` · ${from}` : ''}`);
  if (d.state === 'success') lines.push('', `<sub>To go back: \`/rollback ${d.environment}\`</sub>`);
  return lines.join('\n');
}
