import { NotifierHttpError } from './notifier.ts';

/** POSTs a JSON body (already serialised, so that it can be signed) and rejects on a non-2xx answer. */
export async function postJson(
  url: string,
  body: string,
  signal: AbortSignal,
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Runway', ...headers },
    body,
    signal,
    // A redirect could carry the request, and its secrets, somewhere else.
    redirect: 'error',
  });
  // Drain the body so that the connection is released; its text is never used (it may echo secrets).
  await response.arrayBuffer();
  if (!response.ok) throw new NotifierHttpError(response.status);
}
