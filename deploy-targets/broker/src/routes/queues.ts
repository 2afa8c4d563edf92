import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { channelName, id } from '../http/names.ts';
import { jsonBody, pathParams } from '../http/validate.ts';
import { deleteQueue, getQueue, listQueues, subscribe } from '../store/queues.ts';

const subscribeBody = z
  .object({ consumer_id: id.optional().describe('admin only: subscribe this user instead of the caller') })
  .strict();
const channelParams = z.object({ name: channelName });
const queueParams = z.object({ name: channelName, queueId: id });

/** Mounted at /channels, behind `authenticate`: subscriptions are the queues of a channel. */
export function queueRoutes(deps: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/:name/subscribe', requireRole('consumer', 'admin'), pathParams(channelParams), jsonBody(subscribeBody), async (c) => {
      const caller = c.get('principal');
      const consumerId = c.req.valid('json').consumer_id ?? caller.id;
      if (consumerId !== caller.id && caller.role !== 'admin') throw httpError(403, 'only an admin subscribes another user');
      const result = await subscribe(deps.pool, c.req.valid('param').name, consumerId);
      if (!result.ok) throw httpError(404, result.reason === 'no-channel' ? 'no such channel' : 'no such user');
      return c.json(result.queue, result.created ? 201 : 200);
    })
    .get('/:name/queues', pathParams(channelParams), async (c) => {
      const queues = await listQueues(deps.pool, c.req.valid('param').name);
      if (!queues) throw httpError(404, 'no such channel');
      return c.json({ queues });
    })
    .delete('/:name/queues/:queueId', pathParams(queueParams), async (c) => {
      const { name, queueId } = c.req.valid('param');
      const queue = await getQueue(deps.pool, name, queueId);
      if (!queue) throw httpError(404, 'no such queue on this channel');
      const caller = c.get('principal');
      if (caller.role !== 'admin' && queue.consumer_id !== caller.id) throw httpError(403, 'only the queue\'s consumer or an admin deletes it');
      await deleteQueue(deps.pool, queueId);
      return c.body(null, 204);
    });
}
