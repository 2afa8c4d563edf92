import type { ContractCheck } from './contract.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are JSON of many shapes; the tests assert on them directly */
export type Reply<T = any> = { status: number; body: T; headers: Headers };

export type Call = <T = any>(
  method: string,
  path: string,
  options?: { token?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<Reply<T>>;

/** A small JSON client over real HTTP; with `check`, every answer is checked against the OpenAPI document. */
export function httpClient(baseUrl: string, check?: ContractCheck): Call {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    check?.(method, path, res.status, body);
    return { status: res.status, body, headers: res.headers };
  };
}
