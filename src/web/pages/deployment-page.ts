import { html, raw } from 'hono/html';
import { causeOf, describeCause } from '../../deployments/deployment-cause.ts';
import type { DeploymentRecord } from '../../store/deployments-store.ts';
import type { LogLine } from '../../store/log-store.ts';
import type { StepRecord } from '../../store/steps-store.ts';
import { layout } from './layout.ts';
import { formatDuration, timeTag } from './time-tag.ts';

export interface DeploymentView {
  deployment: DeploymentRecord;
  steps: StepRecord[];
  /** Undefined when the viewer may not read this repository's logs (a public repository, below `logRole`). */
  lines: LogLine[] | undefined;
  logRole?: string;
  /** GitHub's web root, for links to the commit, the pull request and the deployments. */
  githubWeb?: string;
  pullRequest?: number | null;
}

const FINAL = ['success', 'failure', 'error', 'inactive'];

/**
 * The log page: what was deployed where, its steps on a timeline, and the log. While the
 * deployment runs, the log is followed over Server-Sent Events from `/deployments/:id/events`,
 * starting after the last line the page holds; the browser's own reconnects resume with
 * `Last-Event-ID`, so lines are neither lost nor repeated. Without JavaScript the page is whole as
 * of when it was served.
 */
export function deploymentPage(view: DeploymentView) {
  const { deployment: d, lines } = view;
  if (!lines) {
    return layout(
      `#${d.id} ${d.environment}`,
      html`${summary(view)}
        <h2>Log</h2>
        <p>The log needs ${view.logRole ?? 'triage'} access or more to this repository.</p>`,
    );
  }
  const lastSeq = lines.at(-1)?.seq ?? 0;
  const live = !FINAL.includes(d.state);
  return layout(
    `#${d.id} ${d.environment}`,
    html`${summary(view)}
      <h2 id="log-heading">Log</h2>
      <pre id="log" tabindex="0" aria-labelledby="log-heading" aria-live="${live ? 'polite' : 'off'}">
${lines.map((l) => `${l.line}\n`).join('')}</pre>
      ${
        live
          ? html`<script>
              (() => {
                const log = document.getElementById('log');
                const state = document.getElementById('state');
                const description = document.getElementById('description');
                const steps = document.getElementById('steps');
                const events = new EventSource(location.pathname + '/events?after=' + ${raw(String(lastSeq))});
                events.addEventListener('line', (e) => log.append(JSON.parse(e.data).line + '\\n'));
                events.addEventListener('state', (e) => {
                  const s = JSON.parse(e.data);
                  state.textContent = s.state;
                  state.className = 'state ' + s.state;
                  description.textContent = s.description;
                  for (const step of s.steps) {
                    const row = steps.querySelector('[data-position="' + step.position + '"] .state');
                    if (row) {
                      row.textContent = step.state;
                      row.className = 'state ' + step.state;
                    }
                  }
                });
                events.addEventListener('end', () => events.close());
              })();
            </script>`
          : ''
      }`,
  );
}

/** The deployment's heading, facts, links and steps. */
function summary({ deployment: d, steps, githubWeb, pullRequest }: DeploymentView) {
  const repo = githubWeb && `${githubWeb}/${d.owner}/${d.repo}`;
  const cause = causeOf(d);
  const begin = steps.reduce((m, s) => Math.min(m, s.startedAt?.getTime() ?? Infinity), Infinity);
  const end = steps.reduce((m, s) => Math.max(m, s.finishedAt?.getTime() ?? s.startedAt?.getTime() ?? 0), 0);
  const span = Math.max(1, end - begin);
  return html`<h1>Deployment #${d.id} to ${d.environment} <span class="state ${d.state}" id="state">${d.state}</span></h1>
    <dl>
      <dt>Repository</dt>
      <dd>${repo ? html`<a href="${repo}">${d.owner}/${d.repo}</a>` : `${d.owner}/${d.repo}`}</dd>
      <dt>Commit</dt>
      <dd>${repo ? html`<a href="${repo}/commit/${d.sha}"><code>${d.sha}</code></a>` : html`<code>${d.sha}</code>`} (${d.ref})</dd>
      ${
        pullRequest && repo
          ? html`<dt>Pull request</dt>
              <dd><a href="${repo}/pull/${pullRequest}">#${pullRequest}</a></dd>`
          : ''
      }
      <dt>Task</dt>
      <dd>${d.task}</dd>
      <dt>Created by</dt>
      <dd>${d.creator ?? 'unknown'}${cause && cause.kind !== 'deployment' ? `, ${describeCause(cause)}` : ''}</dd>
      <dt>Created</dt>
      <dd>${timeTag(d.createdAt)}</dd>
      <dt>Result</dt>
      <dd id="description">${d.description ?? ''}</dd>
      ${
        repo
          ? html`<dt>On GitHub</dt>
              <dd><a href="${repo}/deployments/${encodeURIComponent(d.environment)}">deployments of ${d.environment}</a></dd>`
          : ''
      }
      ${
        d.environmentUrl
          ? html`<dt>Site</dt>
              <dd><a href="${d.environmentUrl}">${d.environmentUrl}</a></dd>`
          : ''
      }
    </dl>
    <h2>Steps</h2>
    <ol class="timeline" id="steps">
      ${steps.map((s) => {
        const from = s.startedAt?.getTime();
        const to = s.finishedAt?.getTime() ?? from;
        const offset = from === undefined ? 0 : ((from - begin) / span) * 100;
        const width = from === undefined || to === undefined ? 0 : ((to - from) / span) * 100;
        return html`<li data-position="${s.position}">
          <span>${s.name}</span>
          <span class="state ${s.state}">${s.state}</span>
          <span
            >${from !== undefined && s.finishedAt ? formatDuration(s.finishedAt.getTime() - from) : ''}
            <span class="bar" style="display:block;margin-left:${offset.toFixed(1)}%;width:${width.toFixed(1)}%" aria-hidden="true"></span>
            ${s.summary ?? ''}</span
          >
        </li>`;
      })}
    </ol>`;
}

/** The same, as plain text (`Accept: text/plain`, curl). */
export function deploymentText({ deployment: d, steps, lines }: DeploymentView): string {
  return [
    `Deployment #${d.id} to ${d.environment}: ${d.state}${d.description ? ` (${d.description})` : ''}`,
    `${d.owner}/${d.repo}@${d.sha} (${d.ref}), task ${d.task}, by ${d.creator ?? 'unknown'}`,
    ...(d.environmentUrl ? [`Site: ${d.environmentUrl}`] : []),
    '',
    'Steps:',
    ...steps.map((s) => `  ${s.state.padEnd(11)} ${s.name}${s.summary ? ` (${s.summary})` : ''}`),
    '',
    'Log:',
    ...(lines ? lines.map((l) => l.line) : ['(the log needs more access to this repository)']),
    '',
  ].join('\n');
}
