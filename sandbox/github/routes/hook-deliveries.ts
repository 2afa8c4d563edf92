import { Hono, type Context } from 'hono';
import type { Env, FakeContext } from '../context.ts';
import { intParam } from '../context.ts';
import { FakeHttpError } from '../http-error.ts';
import type { Delivery } from '../types.ts';

/** GitHub's summary of one delivery attempt (`GET /app/hook/deliveries`). */
function deliveryShape(d: Delivery): Record<string, unknown> {
  return {
    id: d.attemptId,
    guid: d.id,
    delivered_at: d.deliveredAt,
    redelivery: d.redelivery,
    duration: d.ms / 1000,
    status: d.status === 0 ? 'Failed to connect to host' : d.status < 300 ? 'OK' : `Invalid HTTP Response: ${d.status}`,
    status_code: d.status,
    event: d.event,
    action: d.action,
    installation_id: d.installationId,
    repository_id: d.repositoryId,
    throttled_at: null,
  };
}

/**
 * The App webhook's delivery log: newest first, cursor paging through the `Link` header as GitHub
 * does (`cursor` is opaque; here `v1_<attempt id>` of the first attempt on the next page), and
 * redelivery of one attempt.
 */
export function hookDeliveryRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  const available = () => {
    if (!ctx.hookDeliveriesApi) throw new FakeHttpError(404, 'Not Found');
  };
  app.get('/app/hook/deliveries', (c) => {
    available();
    const perPage = Math.min(100, Math.max(1, Number(c.req.query('per_page') ?? 30) || 30));
    const cursor = c.req.query('cursor');
    const newestFirst = [...ctx.sender.deliveries].sort((a, b) => b.attemptId - a.attemptId);
    const from = cursor === undefined ? 0 : newestFirst.findIndex((d) => `v1_${d.attemptId}` === cursor);
    if (from < 0) throw new FakeHttpError(422, `Invalid cursor ${cursor}`);
    const page = newestFirst.slice(from, from + perPage);
    const next = newestFirst[from + perPage];
    if (next) c.header('Link', `<${pageUrl(c, perPage, `v1_${next.attemptId}`)}>; rel="next"`);
    return c.json(page.map(deliveryShape));
  });
  app.post('/app/hook/deliveries/:id/attempts', (c) => {
    available();
    if (!ctx.sender.redeliverAttempt(intParam(c, 'id'))) throw new FakeHttpError(404, 'Not Found');
    return c.json({}, 202);
  });
  return app;
}

function pageUrl(c: Context<Env>, perPage: number, cursor: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set('per_page', String(perPage));
  url.searchParams.set('cursor', cursor);
  return url.toString();
}
