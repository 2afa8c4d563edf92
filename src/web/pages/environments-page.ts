import { html } from 'hono/html';
import { causeOf, describeCause } from '../../deployments/deployment-cause.ts';
import type { DeploymentRecord } from '../../store/deployments-store.ts';
import type { EnvironmentOverview } from '../../store/environments-overview.ts';
import { layout } from './layout.ts';
import { timeTag } from './time-tag.ts';

const short = (sha: string) => sha.slice(0, 7);

/** Who caused it: the merger or requester Runway recorded, else GitHub's creator ("merged by @lead"). */
const causeText = (d: DeploymentRecord) => {
  const cause = causeOf(d);
  return cause ? describeCause(cause) : 'by unknown';
};

const actionPath = (e: EnvironmentOverview, action: string) =>
  `/environments/${encodeURIComponent(e.owner)}/${encodeURIComponent(e.repo)}/${encodeURIComponent(e.environment)}/${action}`;

/** Lock or unlock, for a signed-in GitHub user (the action checks who may). */
function lockForm(e: EnvironmentOverview, csrf: string) {
  return html`<form method="post" action="${actionPath(e, e.lock ? 'unlock' : 'lock')}">
    <input type="hidden" name="csrf" value="${csrf}" />
    ${e.lock ? '' : html`<label>Reason <input name="reason" size="12" /></label>`}
    <button type="submit">${e.lock ? 'Unlock' : 'Lock'} ${e.environment}</button>
  </form>`;
}

/** Redeploy what is live, or roll back to the release before it: `/redeploy` and `/rollback` from the page. */
function deployForms(e: EnvironmentOverview, csrf: string) {
  if (!e.live) return '';
  const form = (action: string, label: string) =>
    html`<form method="post" action="${actionPath(e, action)}">
      <input type="hidden" name="csrf" value="${csrf}" />
      <button type="submit">${label} ${e.environment}</button>
    </form>`;
  return html`${form('redeploy', 'Redeploy')} ${form('rollback', 'Roll back')}`;
}

/** The home page: per repository and environment, what is live, what runs, what waits, the lock, the last failure. */
export function environmentsPage(input: { environments: EnvironmentOverview[]; githubWeb: string; csrf?: string }) {
  const { githubWeb } = input;
  const repoUrl = (e: EnvironmentOverview) => `${githubWeb}/${e.owner}/${e.repo}`;
  return layout(
    'Environments',
    html`<h1>Environments</h1>
      ${
        input.environments.length === 0
          ? html`<p>No deployments you can see yet. Merge a pull request into a branch that <code>.github/deploy.yml</code> names.</p>`
          : html`<div class="scroll">
              <table>
                <caption class="visually-hidden">
                  What is live in each environment
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Repository</th>
                    <th scope="col">Environment</th>
                    <th scope="col">Live</th>
                    <th scope="col">Now</th>
                    <th scope="col">Last failure</th>
                    ${input.csrf ? html`<th scope="col">Actions</th>` : ''}
                  </tr>
                </thead>
                <tbody>
                  ${input.environments.map((e) => {
                    const live = e.live;
                    const release = live?.summary.outputs && (live.summary.outputs as Record<string, unknown>)['backend.release'];
                    return html`<tr>
                      <td><a href="${repoUrl(e)}">${e.owner}/${e.repo}</a></td>
                      <td>
                        <a
                          href="/history?repository=${encodeURIComponent(`${e.owner}/${e.repo}`)}&amp;environment=${encodeURIComponent(e.environment)}"
                          >${e.environment}</a
                        >
                      </td>
                      <td>
                        ${
                          live
                            ? html`<a href="/deployments/${live.id}">#${live.id}</a>
                                ${live.task === 'deploy:rollback' ? html`<span class="state rollback">rollback</span>` : ''}
                                <a href="${repoUrl(e)}/commit/${live.sha}"><code>${short(live.sha)}</code></a>
                                ${live.pullRequest ? html`<a href="${repoUrl(e)}/pull/${live.pullRequest}">PR #${live.pullRequest}</a>` : ''}
                                ${causeText(live)}, ${timeTag(live.finishedAt ?? live.createdAt)}
                                ${typeof release === 'string' ? html`, Heroku ${release}` : ''}
                                ${live.environmentUrl ? html`<br /><a href="${live.environmentUrl}">${live.environmentUrl}</a>` : ''}`
                            : html`nothing live`
                        }
                      </td>
                      <td>
                        ${
                          e.running
                            ? html`<a href="/deployments/${e.running.id}">#${e.running.id}</a>
                                <span class="state in_progress">deploying</span> <code>${short(e.running.sha)}</code>${
                                  e.running.step ? html`: ${e.running.step}` : ''
                                }`
                            : ''
                        }
                        ${e.waiting > 0 ? html`<div>${e.waiting} waiting in line</div>` : ''}
                        ${
                          e.lock
                            ? html`<div>
                                🔒 locked by @${e.lock.owner}${e.lock.reason ? html`: ${e.lock.reason}` : ''} since ${timeTag(e.lock.since)}
                              </div>`
                            : ''
                        }
                        ${!e.running && e.waiting === 0 && !e.lock ? 'idle' : ''}
                      </td>
                      <td>
                        ${
                          e.lastFailure
                            ? html`<a href="/deployments/${e.lastFailure.id}">#${e.lastFailure.id}</a>
                                <span class="state ${e.lastFailure.state}">${e.lastFailure.state}</span> ${e.lastFailure.description ?? ''}
                                ${timeTag(e.lastFailure.finishedAt ?? e.lastFailure.createdAt)}`
                            : ''
                        }
                      </td>
                      ${input.csrf ? html`<td class="actions">${lockForm(e, input.csrf)} ${deployForms(e, input.csrf)}</td>` : ''}
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`
      }`,
  );
}
