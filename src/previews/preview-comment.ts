import type { GitHubClient } from '../github/github-client.ts';
import { createComment, updateComment } from '../github/issue-comments.ts';
import type { Redactor } from '../log/redactor.ts';
import type { Queryable } from '../store/database.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { getPreview, savePreviewComment, type PreviewRecord, type PullRef } from '../store/previews-store.ts';

/** The marker that makes Runway's preview comment recognisable (and tests find it). */
export const PREVIEW_COMMENT_TITLE = '### Preview environment';

/**
 * The one preview comment of a pull request, created once and then edited: on every push, on
 * teardown, and for a refusal. Its id is kept with the preview.
 */
export async function writePreviewComment(
  deps: { db: Queryable; redactor: Redactor },
  github: GitHubClient,
  pull: PullRef & { installationId: number },
  body: string,
): Promise<void> {
  const text = deps.redactor.redact(`${PREVIEW_COMMENT_TITLE}\n\n${body}`);
  const known = (await getPreview(deps.db, pull))?.commentId ?? null;
  const repo = { owner: pull.owner, repo: pull.repo };
  if (known !== null) {
    await updateComment(github, { ...repo, commentId: known, body: text });
    return;
  }
  const id = await createComment(github, { ...repo, issueNumber: pull.pullNumber, body: text });
  await savePreviewComment(deps.db, pull, id);
}

const stateWords: Record<DeploymentRecord['state'], string> = {
  queued: '⏳ queued',
  in_progress: '🚧 deploying',
  success: '✅ live',
  failure: '❌ failed',
  error: '❌ failed',
  inactive: '💤 inactive',
};

/** The comment while the preview lives: both URLs, the commit, the latest deployment and its log. */
export function livePreviewBody(preview: PreviewRecord, latest: DeploymentRecord | undefined, logUrl: string | undefined): string {
  const outputs = (latest?.summary.outputs ?? {}) as Record<string, unknown>;
  const backend = typeof outputs['backend.url'] === 'string' ? outputs['backend.url'] : undefined;
  const site = preview.siteUrl ?? (typeof outputs['frontend.url'] === 'string' ? outputs['frontend.url'] : undefined);
  const lines = [
    `**${latest ? stateWords[latest.state] : '⏳ starting'}**${latest ? ` · ${latest.sha.slice(0, 7)}` : ''}`,
    '',
    `- Frontend: ${site ?? '—'}`,
    `- Backend: ${backend ?? (preview.appName ? `Heroku app \`${preview.appName}\`` : '—')}`,
  ];
  if (latest && (latest.state === 'failure' || latest.state === 'error') && latest.description) lines.push('', `> ${latest.description}`);
  if (logUrl) lines.push('', `[Log](${logUrl}) · environment \`pr-${preview.pullNumber}\``);
  if (preview.expiresAt)
    lines.push('', `<sub>Torn down when the pull request closes, or on ${preview.expiresAt.toISOString().slice(0, 10)}.</sub>`);
  return lines.join('\n');
}

const goneWords: Record<string, string> = {
  closed: 'the pull request was closed',
  merged: 'the pull request was merged',
  expired: 'its time to live ran out',
};

export function goneBody(note: string | null): string {
  const why = note && Object.hasOwn(goneWords, note) ? goneWords[note] : note;
  return `**🗑️ torn down**${why ? `: ${why}` : ''}. Its Heroku app, database and files are deleted.`;
}

export function refusedBody(reason: string): string {
  return `**🚫 no preview**: ${reason}.`;
}
