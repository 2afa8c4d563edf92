import { html } from 'hono/html';
import type { HistoryFilter } from '../../store/deployment-history.ts';
import type { DeploymentRecord } from '../../store/deployments-store.ts';
import { layout } from './layout.ts';
import { timeTag } from './time-tag.ts';

const STATES = ['queued', 'in_progress', 'success', 'failure', 'error', 'inactive'];

/** History: every deployment the viewer may read, filtered by repository, environment, state and author, paged. */
export function historyPage(input: {
  filter: HistoryFilter;
  deployments: DeploymentRecord[];
  nextBefore?: number;
  repositories: string[];
}) {
  const { filter } = input;
  const query = (before: number) => {
    const q = new URLSearchParams();
    for (const key of ['repository', 'environment', 'state', 'creator'] as const) if (filter[key]) q.set(key, filter[key]);
    q.set('before', String(before));
    return `/history?${q.toString()}`;
  };
  return layout(
    'History',
    html`<h1>History</h1>
      <form class="filters" method="get" action="/history">
        <label
          >Repository
          <select name="repository">
            <option value="">all</option>
            ${input.repositories.map((r) => html`<option value="${r}" ${r === filter.repository ? 'selected' : ''}>${r}</option>`)}
          </select></label
        >
        <label>Environment <input name="environment" value="${filter.environment ?? ''}" size="14" /></label>
        <label
          >State
          <select name="state">
            <option value="">any</option>
            ${STATES.map((s) => html`<option value="${s}" ${s === filter.state ? 'selected' : ''}>${s}</option>`)}
          </select></label
        >
        <label>Author <input name="creator" value="${filter.creator ?? ''}" size="14" /></label>
        <button type="submit">Filter</button>
      </form>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Repository</th>
              <th scope="col">Environment</th>
              <th scope="col">Commit</th>
              <th scope="col">State</th>
              <th scope="col">Author</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            ${input.deployments.map(
              (d) =>
                html`<tr>
                  <td><a href="/deployments/${d.id}">${d.id}</a></td>
                  <td>${d.owner}/${d.repo}</td>
                  <td>${d.environment}</td>
                  <td><code>${d.sha.slice(0, 7)}</code></td>
                  <td><span class="state ${d.state}">${d.state}</span></td>
                  <td>${d.creator ?? ''}</td>
                  <td>${timeTag(d.createdAt)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${input.deployments.length === 0 ? html`<p>No deployments match.</p>` : ''}
      ${input.nextBefore ? html`<p><a rel="next" href="${query(input.nextBefore)}">Older deployments</a></p>` : ''}`,
  );
}
