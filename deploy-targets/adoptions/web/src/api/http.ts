export type FieldError = { path: string; message: string };

/** A refused call: `status` and the API's one-line `message`, with field errors for 400s. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;
export type Transport = { call: Call; fetch: typeof fetch };

/** JSON calls to the API with the current token; refusals become ApiError. */
export function createTransport(baseUrl: string, options: { fetch?: typeof fetch; token?: () => string | undefined }): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const root = baseUrl.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${root}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiError(0, `cannot reach the API at ${root}: ${(error as Error).message}`);
    }
    const text = await res.text();
    const data: unknown = text ? parseJson(text) : undefined;
    if (!res.ok) {
      const err = (data ?? {}) as { message?: string; details?: unknown };
      const fields = Array.isArray(err.details) ? (err.details as FieldError[]) : [];
      throw new ApiError(res.status, err.message ?? `${method} ${path} answered ${res.status}`, fields);
    }
    return data as T;
  }
  return { call, fetch: doFetch };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(0, `the API answered something that is not JSON (${(error as Error).message})`);
  }
}

/** `?a=1&b=x` from the filled-in fields only (empty strings are "no filter"); spaces as %20. */
export function queryString(filter: Record<string, string | undefined>): string {
  const pairs = Object.entries(filter).filter((e): e is [string, string] => !!e[1]);
  return pairs.length ? `?${pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}` : '';
}

export const segment = encodeURIComponent;
