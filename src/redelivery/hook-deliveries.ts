import { z } from 'zod';
import { httpStatus } from '../github/github-client.ts';

/** One attempt in the App webhook's delivery log (`GET /app/hook/deliveries`); a redelivery repeats the guid. */
export const hookDelivery = z.object({
  id: z.number().int(),
  guid: z.string().min(1),
  delivered_at: z.string(),
  redelivery: z.boolean(),
  status: z.string(),
  status_code: z.number().int(),
  event: z.string(),
  action: z.string().nullable().optional(),
});
export type HookDelivery = z.infer<typeof hookDelivery>;

/** The slice of an App-authenticated (JWT) Octokit this needs. */
export interface AppClient {
  request(route: string, params?: Record<string, unknown>): Promise<{ data: unknown; headers: { link?: string } }>;
}

export type DeliveryListing =
  { ok: true; deliveries: HookDelivery[]; truncated: boolean } | { ok: false; reason: 'unsupported'; message: string };

const perPage = 100;

/**
 * The App's delivery attempts since `since`, newest first, following the cursor in the `Link`
 * header. Stops at the first attempt older than `since`, or after `maxPages` (then `truncated`).
 * A 404 means this GitHub (older Enterprise Server) has no such API; other errors are thrown.
 */
export async function listRecentDeliveries(client: AppClient, since: Date, maxPages = 50): Promise<DeliveryListing> {
  const deliveries: HookDelivery[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    let answer;
    try {
      answer = await client.request('GET /app/hook/deliveries', { per_page: perPage, ...(cursor && { cursor }) });
    } catch (error) {
      if (httpStatus(error) === 404)
        return { ok: false, reason: 'unsupported', message: 'GET /app/hook/deliveries answered 404 Not Found' };
      throw error;
    }
    const attempts = z.array(hookDelivery).parse(answer.data);
    for (const attempt of attempts) {
      if (Date.parse(attempt.delivered_at) < since.getTime()) return { ok: true, deliveries, truncated: false };
      deliveries.push(attempt);
    }
    cursor = nextCursor(answer.headers.link);
    if (cursor === undefined) return { ok: true, deliveries, truncated: false };
  }
  return { ok: true, deliveries, truncated: true };
}

/** The `cursor` of the `rel="next"` link, if there is a next page. */
export function nextCursor(link: string | undefined): string | undefined {
  const next = link
    ?.split(',')
    .map((part) => /<([^>]+)>\s*;\s*rel="next"/.exec(part)?.[1])
    .find((url) => url !== undefined);
  return next === undefined ? undefined : (new URL(next).searchParams.get('cursor') ?? undefined);
}
