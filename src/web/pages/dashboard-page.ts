import { html } from 'hono/html';
import type { DeploymentRecord } from '../../store/deployments-store.ts';
import { layout } from './layout.ts';

/** The most recent deployments across repositories. */
export function dashboardPage(deployments: DeploymentRecord[]) {
  return layout(
    'Deployments',
    html`<h1>Recent deployments</h1>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Repository</th>
            <th>Environment</th>
            <th>Commit</th>
            <th>State</th>
            <th>Result</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          ${deployments.map(
            (d) =>
              html`<tr>
                <td><a href="/deployments/${d.id}">${d.id}</a></td>
                <td>${d.owner}/${d.repo}</td>
                <td>${d.environment}</td>
                <td><code>${d.sha.slice(0, 7)}</code></td>
                <td><span class="state ${d.state}">${d.state}</span></td>
                <td>${d.description ?? ''}</td>
                <td>${d.createdAt.toISOString()}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${deployments.length === 0 ? html`<p>No deployments yet. Merge a pull request into a branch that <code>.github/deploy.yml</code> names.</p>` : ''}`,
  );
}
