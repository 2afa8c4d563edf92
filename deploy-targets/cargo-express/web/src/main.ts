import { ApiError, createApiClient } from './api-client.ts';
import { formatDateTime, metricsView, orderRow } from './format.ts';
import { renderMetrics, renderOrders, renderStatus, showLoginError, showScreen } from './render.ts';
import { session } from './session.ts';

const REFRESH_SECONDS = 5;
const RECENT_ORDERS = 20;

// Runway injects VITE_API_URL at build time (the backend's URL); the default serves `npm run dev`.
const api = createApiClient(import.meta.env.VITE_API_URL || 'http://localhost:8000');
let timer: ReturnType<typeof setTimeout> | undefined;

function logout(message: string | null): void {
  clearTimeout(timer);
  session.clear();
  showScreen(document, 'login');
  showLoginError(document, message);
}

async function refresh(): Promise<void> {
  const token = session.get();
  if (token === null) return logout(null);
  try {
    const [metrics, page] = await Promise.all([api.metrics(token), api.orders(token, { limit: RECENT_ORDERS })]);
    renderMetrics(document, metricsView(metrics));
    const place = { timeZone: metrics.zona_horaria, currency: metrics.moneda };
    renderOrders(
      document,
      page.pedidos.map((order) => orderRow(order, place)),
    );
    renderStatus(document, `Actualizado ${formatDateTime(new Date().toISOString())} · cada ${REFRESH_SECONDS} s`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return logout('La sesión expiró: vuelva a iniciar sesión.');
    renderStatus(document, `No se pudo actualizar: ${(error as Error).message}. Reintentando…`);
  }
  timer = setTimeout(() => void refresh(), REFRESH_SECONDS * 1000);
}

function startDashboard(): void {
  showScreen(document, 'dashboard');
  showLoginError(document, null);
  clearTimeout(timer);
  void refresh();
}

const form = document.querySelector<HTMLFormElement>('#login')!;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  api.login(String(data.get('username') ?? ''), String(data.get('password') ?? '')).then(
    (token) => {
      session.set(token);
      form.reset();
      startDashboard();
    },
    (error: unknown) =>
      showLoginError(
        document,
        error instanceof ApiError && error.status === 401 ? 'Usuario o contraseña incorrectos.' : (error as Error).message,
      ),
  );
});
document.querySelector('#logout')!.addEventListener('click', () => logout(null));

if (session.get() === null) showScreen(document, 'login');
else startDashboard();
