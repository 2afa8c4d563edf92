/** The shapes the Cargo Express API answers with (see ../api). */
export type Product = { IdProducto: string; producto: string; precio: number };
export type Order = {
  pedido_id: string;
  repartidor: { IdRepartidor: number | string; Nombre: string };
  productos: Product[];
  timestamp: string;
  delivered_at: string;
  total: number;
};
export type OrderPage = { pedidos: Order[]; next_cursor: string | null };
export type Metrics = {
  fecha: string;
  zona_horaria: string;
  /** ISO 4217 code of every amount (COP unless the API is configured otherwise). */
  moneda: string;
  top_3_productos: Array<[string, number]>;
  precio_promedio_por_pedido: number;
  acumulado_ventas_dia: number;
  pedidos_del_dia: number;
};

/** A refused request; `status` 401 means the session is over (bad credentials or an expired token). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type ApiClient = {
  login(username: string, password: string): Promise<string>;
  metrics(token: string): Promise<Metrics>;
  orders(token: string, options?: { limit?: number; cursor?: string }): Promise<OrderPage>;
};

/** `VITE_API_URL` may end with a slash (Heroku's web_url does); paths are joined without doubling it. */
export function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

async function detailOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    if (typeof body.detail === 'string') return body.detail;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  return `HTTP ${response.status}`;
}

export function createApiClient(baseUrl: string, fetchImpl: typeof fetch = fetch): ApiClient {
  async function call<T>(path: string, init: RequestInit): Promise<T> {
    const response = await fetchImpl(apiUrl(baseUrl, path), init);
    if (!response.ok) throw new ApiError(response.status, await detailOf(response));
    return (await response.json()) as T;
  }
  const authorized = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

  return {
    async login(username, password) {
      const body = await call<{ access_token: string }>('/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return body.access_token;
    },
    metrics: (token) => call<Metrics>('/metrics', authorized(token)),
    orders(token, options = {}) {
      const query = new URLSearchParams();
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      if (options.cursor !== undefined) query.set('cursor', options.cursor);
      const text = query.toString();
      const suffix = text === '' ? '' : `?${text}`;
      return call<OrderPage>(`/pedidos${suffix}`, authorized(token));
    },
  };
}
