import { html } from 'hono/html';
import type { DeliveryFigures, EnvironmentDelivery } from '../metrics/delivery-metrics.ts';
import { layout } from './layout.ts';
import { formatDuration } from './time-tag.ts';

const duration = (ms: number | undefined) => (ms === undefined ? '—' : formatDuration(ms));
const percent = (r: number | undefined) => (r === undefined ? '—' : `${Math.round(r * 100)} %`);

/** Bars of deployments per day over each window: an SVG drawn on the server, readable without script. */
function frequencyChart(e: EnvironmentDelivery) {
  const max = Math.max(...e.windows.map((w) => w.perDay), 0.01);
  const label = e.windows.map((w) => `${w.perDay.toFixed(2)} a day over ${w.days} days`).join(', ');
  return html`<svg
    role="img"
    aria-label="Deployments a day: ${label}"
    width="240"
    height="${e.windows.length * 24}"
    viewBox="0 0 240 ${e.windows.length * 24}"
  >
    ${e.windows.map(
      (w, i) =>
        html`<text x="0" y="${i * 24 + 16}" font-size="12" fill="#1f2328">${w.days} d</text>
          <rect x="40" y="${i * 24 + 5}" width="${Math.max(1, (w.perDay / max) * 150).toFixed(1)}" height="14" fill="#0969da" rx="3"></rect>
          <text x="${(45 + (w.perDay / max) * 150).toFixed(1)}" y="${i * 24 + 16}" font-size="12" fill="#1f2328"
            >${w.perDay.toFixed(2)}</text
          >`,
    )}
  </svg>`;
}

function row(w: DeliveryFigures) {
  return html`<tr>
    <th scope="row">${w.days} days</th>
    <td>${w.deployments} (${w.perDay.toFixed(2)} a day)</td>
    <td>${duration(w.leadTimeMedianMs)}</td>
    <td>${duration(w.leadTimeP90Ms)}</td>
    <td>${percent(w.changeFailureRate)}</td>
    <td>${duration(w.timeToRestoreMs)}</td>
  </tr>`;
}

/** `/delivery`: how delivery goes per environment over 7, 30 and 90 days. */
export function deliveryPage(environments: EnvironmentDelivery[]) {
  return layout(
    'Delivery',
    html`<h1>Delivery</h1>
      <p>
        Deployments that went live; lead time for changes from the first commit of the merged pull request to live; change failure rate
        (failed, or rolled back within 24 h); time to restore from the first failure to the next deployment live. Runway's
        <code>docs/web.md</code> defines each.
      </p>
      ${environments.length === 0 ? html`<p>No deployments you can see in the last 90 days.</p>` : ''}
      ${environments.map(
        (e) =>
          html`<section aria-labelledby="d-${e.owner}-${e.repo}-${e.environment}">
            <h2 id="d-${e.owner}-${e.repo}-${e.environment}">${e.owner}/${e.repo} · ${e.environment}</h2>
            ${frequencyChart(e)}
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Window</th>
                    <th scope="col">Deployments</th>
                    <th scope="col">Lead time (median)</th>
                    <th scope="col">Lead time (p90)</th>
                    <th scope="col">Change failure rate</th>
                    <th scope="col">Time to restore (median)</th>
                  </tr>
                </thead>
                <tbody>
                  ${e.windows.map(row)}
                </tbody>
              </table>
            </div>
          </section>`,
      )}`,
  );
}

/** The same figures for Prometheus (`/metrics`). */
export function deliveryMetricLines(environments: EnvironmentDelivery[]): string[] {
  const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  const lines: string[] = [
    '# HELP runway_delivery_deployments Deployments that went live in the window.',
    '# TYPE runway_delivery_deployments gauge',
    '# HELP runway_delivery_lead_time_seconds First commit of the merged pull request to live, by quantile.',
    '# TYPE runway_delivery_lead_time_seconds gauge',
    '# HELP runway_delivery_change_failure_ratio Failed or rolled-back changes over finished deployments.',
    '# TYPE runway_delivery_change_failure_ratio gauge',
    '# HELP runway_delivery_time_to_restore_seconds Median time from the first failure to the next deployment live.',
    '# TYPE runway_delivery_time_to_restore_seconds gauge',
  ];
  for (const e of environments) {
    for (const w of e.windows) {
      const labels = `repository="${esc(`${e.owner}/${e.repo}`)}",environment="${esc(e.environment)}",window="${w.days}d"`;
      lines.push(`runway_delivery_deployments{${labels}} ${w.deployments}`);
      if (w.leadTimeMedianMs !== undefined)
        lines.push(`runway_delivery_lead_time_seconds{${labels},quantile="0.5"} ${w.leadTimeMedianMs / 1000}`);
      if (w.leadTimeP90Ms !== undefined)
        lines.push(`runway_delivery_lead_time_seconds{${labels},quantile="0.9"} ${w.leadTimeP90Ms / 1000}`);
      if (w.changeFailureRate !== undefined) lines.push(`runway_delivery_change_failure_ratio{${labels}} ${w.changeFailureRate}`);
      if (w.timeToRestoreMs !== undefined) lines.push(`runway_delivery_time_to_restore_seconds{${labels}} ${w.timeToRestoreMs / 1000}`);
    }
  }
  return lines;
}
