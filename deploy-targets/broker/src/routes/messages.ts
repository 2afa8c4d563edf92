import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { channelName } from '../http/names.ts';
import { jsonBody, pathParams } from '../http/validate.ts';
import { ack, publish, pull } from '../store/messages.ts';
import { findQueue } from '../store/queues.ts';

const channelParams = z.object({ name: channelName });
const publishBody = z.object({ payload: z.json().refine((v) => v !== undefined, 'is required') }).strict();
const pullBody = z
  .object({
    max_messages: z.number().int().min(1).max(100).default(10),
    visibility_timeout_seconds: z.number().min(0.05).max(43_200).optional(),
  })
  .strict();
const ackBody = z.object({ receipts: z.array(z.uuid()).min(1).max(100) }).strict();

/** Mounted at /channels, behind `authenticate`: publish, pull, ack. */
export function messageRoutes(deps: AppDeps): Hono<AppEnv> {
  const callersQueue = async (channel: string, consumerId: number) => {
    const queue = await findQueue(deps.pool, channel, consumerId);
    if (!queue) throw httpError(404, `you have no queue on channel ${channel}: subscribe first`);
    return queue;
  };

  return new Hono<AppEnv>()
    .post('/:name/messages', requireRole('publisher', 'admin'), pathParams(channelParams), jsonBody(publishBody), async (c) => {
      const result = await publish(deps.pool, c.req.valid('param').name, c.req.valid('json').payload);
      if (!result.ok) throw httpError(404, 'no such channel');
      return c.json({ message_id: result.message_id, queued: result.queued }, 201);
    })
    .post('/:name/pull', pathParams(channelParams), jsonBody(pullBody), async (c) => {
      const queue = await callersQueue(c.req.valid('param').name, c.get('principal').id);
      const body = c.req.valid('json');
      const timeout = body.visibility_timeout_seconds ?? deps.visibilityTimeoutSeconds;
      return c.json({ messages: await pull(deps.pool, queue.id, body.max_messages, timeout) });
    })
    .post('/:name/ack', pathParams(channelParams), jsonBody(ackBody), async (c) => {
      const queue = await callersQueue(c.req.valid('param').name, c.get('principal').id);
      const receipts = c.req.valid('json').receipts;
      const acked = await ack(deps.pool, queue.id, receipts);
      const unknown = receipts.filter((r) => !acked.includes(r));
      return c.json({ acked: acked.length, unknown_receipts: unknown });
    });
}
