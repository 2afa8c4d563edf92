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
  return undefined;
}

/**
 * The one Runway comment of a deployment, rendered from the store each time it changes: the
 * environment, each step with its outcome, links to the log and the site, and what was rolled back.
 */
export function prCommentBody(d: DeploymentRecord, steps: readonly StepRecord[], logUrl: string): string {
  const lines = [`### ${headline(d)}`, ''];
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
