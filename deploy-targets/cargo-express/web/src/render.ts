import type { MetricsView, OrderRow } from './format.ts';

// Text only (textContent), never HTML: product and courier names come from API clients.

function byTestId<T extends HTMLElement>(root: ParentNode, id: string): T {
  const element = root.querySelector<T>(`[data-testid="${id}"]`);
  if (!element) throw new Error(`missing element data-testid=${id}`);
  return element;
}

export function renderMetrics(root: ParentNode, view: MetricsView): void {
  const list = byTestId(root, 'metric-top3');
  list.replaceChildren(
    ...(view.top3.length > 0 ? view.top3 : ['Sin ventas hoy']).map((line) => {
      const item = document.createElement('li');
      item.textContent = line;
      return item;
    }),
  );
  byTestId(root, 'metric-average').textContent = view.average;
  byTestId(root, 'metric-today').textContent = view.today;
  byTestId(root, 'metrics-caption').textContent = view.caption;
}

export function renderOrders(root: ParentNode, rows: OrderRow[]): void {
  const body = byTestId<HTMLTableElement>(root, 'orders-table').tBodies[0];
  if (!body) throw new Error('orders table has no body');
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      tr.dataset.pedidoId = row.id;
      for (const text of [row.id, row.deliveredAt, row.courier, row.products, row.total]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
}

export function renderStatus(root: ParentNode, text: string): void {
  byTestId(root, 'status').textContent = text;
}

export function showLoginError(root: ParentNode, message: string | null): void {
  const element = byTestId(root, 'login-error');
  element.textContent = message ?? '';
  element.hidden = message === null;
}

/** Shows either the login form or the dashboard. */
export function showScreen(root: Document, screen: 'login' | 'dashboard'): void {
  byTestId(root, 'login-form').hidden = screen !== 'login';
  byTestId(root, 'dashboard').hidden = screen !== 'dashboard';
  byTestId(root, 'logout').hidden = screen !== 'dashboard';
}
