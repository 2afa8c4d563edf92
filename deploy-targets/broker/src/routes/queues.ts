import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { bodyId, channelName, pathId } from '../http/names.ts';
import { bearerSecurity, bodyErrors, errors, jsonAnswer, jsonBody, validationHook } from '../http/openapi.ts';
import { deleteQueue, getQueue, listQueues, subscribe } from '../store/queues.ts';
import { channelParams } from './channels.ts';

const subscribeBody = z
  .object({ consumer_id: bodyId.optional().openapi({ description: 'admin only: subscribe this user instead of the caller' }) })
  .strict()
  .openapi('Subscribe');
const queueParams = z.object({ name: channelName, queueId: pathId });
export const queueSchema = z
  .object({
    id: z.number().int(),
    channel: z.string(),
    consumer_id: z.number().int(),
    consumer: z.string(),
    created_at: z.string(),
    ready: z.number().int().openapi({ description: 'Messages a pull would return now' }),
    in_flight: z.number().int().openapi({ description: 'Pulled, not acknowledged, inside their visibility timeout' }),
  })
  .openapi('Queue');
const common = { security: bearerSecurity, tags: ['queues'] };

const subscribeRoute = createRoute({
  ...common,
  method: 'post',
  path: '/{name}/subscribe',
  summary: "Subscribe: create the caller's queue on the channel (an admin may name another consumer)",
  middleware: [requireRole('consumer', 'admin')] as const,
  request: { params: channelParams, ...jsonBody(subscribeBody, false) },
  responses: {
    200: jsonAnswer(queueSchema, 'Already subscribed: the existing queue'),
    201: jsonAnswer(queueSchema, 'Subscribed: a new queue'),
    ...bodyErrors,
    403: errors[403],
    404: errors[404],
  },
});
const list = createRoute({
  ...common,
  method: 'get',
  path: '/{name}/queues',
  summary: "The channel's queues, with ready and in-flight counts",
  request: { params: channelParams },
  responses: { 200: jsonAnswer(z.object({ queues: z.array(queueSchema) }), 'Queues'), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const remove = createRoute({
  ...common,
  method: 'delete',
  path: '/{name}/queues/{queueId}',
  summary: "Unsubscribe: delete a queue and its messages (its consumer or an admin)",
  request: { params: queueParams },
  responses: { 204: { description: 'Deleted' }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

/** Mounted at /channels, behind `authenticate`: subscriptions are the queues of a channel. */
export function queueRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(subscribeRoute, async (c) => {
      const caller = c.get('principal');
      const consumerId = c.req.valid('json').consumer_id ?? caller.id;
      if (consumerId !== caller.id && caller.role !== 'admin') throw httpError(403, 'only an admin subscribes another user');
      const result = await subscribe(deps.pool, c.req.valid('param').name, consumerId);
      if (!result.ok) throw httpError(404, result.reason === 'no-channel' ? 'no such channel' : 'no such user');
      return result.created ? c.json(result.queue, 201) : c.json(result.queue, 200);
    })
    .openapi(list, async (c) => {
      const queues = await listQueues(deps.pool, c.req.valid('param').name);
      if (!queues) throw httpError(404, 'no such channel');
      return c.json({ queues }, 200);
    })
    .openapi(remove, async (c) => {
      const { name, queueId } = c.req.valid('param');
      const queue = await getQueue(deps.pool, name, queueId);
      if (!queue) throw httpError(404, 'no such queue on this channel');
      const caller = c.get('principal');
      if (caller.role !== 'admin' && queue.consumer_id !== caller.id) throw httpError(403, "only the queue's consumer or an admin deletes it");
      await deleteQueue(deps.pool, queueId);
      return c.body(null, 204);
    });
}
