import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from '../../deployments/errors.ts';
import { backoffDelay } from './backoff.ts';

/**
 * PUTs the archive to the source's `put_url` (a pre-signed storage URL: no Heroku auth, and no
 * Content-Type, which the signature does not cover). A PUT is idempotent, so it is retried.
 */
export async function uploadBlob(putUrl: string, bytes: Uint8Array<ArrayBuffer>, signal: AbortSignal, attempts = 4): Promise<void> {
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(putUrl, { method: 'PUT', body: bytes, signal: AbortSignal.any([signal, AbortSignal.timeout(120_000)]) });
      await response.body?.cancel();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
      if (response.status < 500 && response.status !== 429) break;
    } catch (error) {
      if (signal.aborted) throw error;
      last = error instanceof Error ? error.message : String(error);
    }
    if (attempt < attempts) await sleep(backoffDelay(attempt, 500, 10_000), undefined, { signal });
  }
  // The URL is pre-signed (its query string is a credential): name the host only.
  throw new ProviderError(`uploading the source archive to ${new URL(putUrl).host} failed (${last})`);
}
