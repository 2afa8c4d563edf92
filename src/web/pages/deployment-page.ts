import { html, raw } from 'hono/html';
import type { DeploymentRecord } from '../../store/deployments-store.ts';
import type { LogLine } from '../../store/log-store.ts';
import type { StepRecord } from '../../store/steps-store.ts';
import { layout } from './layout.ts';

export interface DeploymentView {
  deployment: DeploymentRecord;
  steps: StepRecord[];
  /** Undefined when the viewer may not read this repository's logs (a public repository, below `logRole`). */
  lines: LogLine[] | undefined;
  logRole?: string;
}

/** The log page: what was deployed where, each step's outcome, and the log, tailed live until it ends. */
export function deploymentPage({ deployment: d, steps, lines, logRole }: DeploymentView) {
  if (!lines)
    return layout(
      `#${d.id} ${d.environment}`,
      html`${summary(d, steps)}
        <h2>Log</h2>
        <p>The log needs ${logRole ?? 'triage'} access or more to this repository.</p>`,
    );
  const lastSeq = lines.at(-1)?.seq ?? 0;
  return layout(
    `#${d.id} ${d.environment}`,
    html`${summary(d, steps)}
      <h2>Log</h2>
      <pre id="log">${lines.map((l) => `${l.line}\n`).join('')}</pre>
      <script>
        (() => {
          let after = ${raw(String(lastSeq))};
          const log = document.getElementById('log');
          const state = document.getElementById('state');
          const done = ['success', 'failure', 'error', 'inactive'];
          async function tail() {
            const res = await fetch(location.pathname + '/log.json?after=' + after);
            if (!res.ok) return setTimeout(tail, 3000);
            const data = await res.json();
            for (const l of data.lines) {
              log.append(l.line + '\\n');
              after = l.seq;
            }
            state.textContent = data.state;
            state.className = 'state ' + data.state;
            if (done.includes(data.state) && data.lines.length === 0) {
              if (data.changedSteps) location.reload();
              return;
            }
            setTimeout(tail, 1000);
          }
          if (!done.includes(state.textContent)) setTimeout(tail, 1000);
        })();
      </script>`,
  );
}

/** The deployment's heading, facts and steps. */
function summary(d: DeploymentRecord, steps: StepRecord[]) {
  return html`<h1>Deployment #${d.id} to ${d.environment} <span class="state ${d.state}" id="state">${d.state}</span></h1>
    <dl>
      <dt>Repository</dt>
      <dd>${d.owner}/${d.repo}</dd>
      <dt>Commit</dt>
      <dd><code>${d.sha}</code> (${d.ref})</dd>
      <dt>Task</dt>
      <dd>${d.task}</dd>
      <dt>Created by</dt>
      <dd>${d.creator ?? 'unknown'}</dd>
      <dt>Created</dt>
      <dd>${d.createdAt.toISOString()}</dd>
      <dt>Result</dt>
      <dd id="description">${d.description ?? ''}</dd>
      ${
        d.environmentUrl
          ? html`<dt>Site</dt>
              <dd><a href="${d.environmentUrl}">${d.environmentUrl}</a></dd>`
          : ''
      }
    </dl>
    <h2>Steps</h2>
    <table>
      <thead>
        <tr>
          <th>Step</th>
          <th>State</th>
          <th>Note</th>
        </tr>
      </thead>
      <tbody>
        ${steps.map(
          (s) =>
            html`<tr>
              <td>${s.name}</td>
              <td><span class="state ${s.state}">${s.state}</span></td>
              <td>${s.summary ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
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
