import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { jsonPayload } from '../http/json-payload.ts';
import { bearerSecurity, bodyErrors, errors, jsonAnswer, jsonBody, validationHook } from '../http/openapi.ts';
import { ack, publish, pull } from '../store/messages.ts';
import { findQueue } from '../store/queues.ts';
import { channelParams } from './channels.ts';

const publishBody = z.object({ payload: jsonPayload }).strict().openapi('Publish');
const pullBody = z
  .object({
    max_messages: z.number().int().min(1).max(100).default(10),
    visibility_timeout_seconds: z.number().min(0.05).max(43_200).optional(),
  })
  .strict()
  .openapi('Pull');
const ackBody = z.object({ receipts: z.array(z.uuid()).min(1).max(100) }).strict().openapi('Ack');

const deliverySchema = z
  .object({
    message_id: z.string(),
    receipt: z.string().openapi({ description: 'Changes on every pull; acknowledge with it' }),
    payload: z.unknown(),
    published_at: z.string(),
    attempt: z.number().int(),
    visible_again_at: z.string(),
  })
  .openapi('Delivery');
const common = { security: bearerSecurity, tags: ['messages'] };

const publishRoute = createRoute({
  ...common,
  method: 'post',
  path: '/{name}/messages',
  summary: 'Publish: a copy of the message into every queue of the channel (publisher or admin)',
  middleware: [requireRole('publisher', 'admin')] as const,
  request: { params: channelParams, ...jsonBody(publishBody) },
  responses: {
    201: jsonAnswer(z.object({ message_id: z.string(), queued: z.number().int() }).openapi('Published'), 'Published'),
    ...bodyErrors,
    403: errors[403],
    404: errors[404],
  },
});
const pullRoute = createRoute({
  ...common,
  method: 'post',
  path: '/{name}/pull',
  summary: "Pull: lease up to max_messages of the caller's queue, oldest first",
  request: { params: channelParams, ...jsonBody(pullBody, false) },
  responses: { 200: jsonAnswer(z.object({ messages: z.array(deliverySchema) }), 'Leased messages'), ...bodyErrors, 404: errors[404] },
});
const ackRoute = createRoute({
  ...common,
  method: 'post',
  path: '/{name}/ack',
  summary: 'Acknowledge: delete the messages of these receipts from the caller’s queue',
  request: { params: channelParams, ...jsonBody(ackBody) },
  responses: {
    200: jsonAnswer(z.object({ acked: z.number().int(), unknown_receipts: z.array(z.string()) }).openapi('Acked'), 'Acknowledged'),
    ...bodyErrors,
    404: errors[404],
  },
});

/** Mounted at /channels, behind `authenticate`: publish, pull, ack. */
export function messageRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const callersQueue = async (channel: string, consumerId: number) => {
    const queue = await findQueue(deps.pool, channel, consumerId);
    if (!queue) throw httpError(404, `you have no queue on channel ${channel}: subscribe first`);
    return queue;
  };

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(publishRoute, async (c) => {
      const result = await publish(deps.pool, c.req.valid('param').name, c.req.valid('json').payload);
      if (!result.ok) throw httpError(404, 'no such channel');
      return c.json({ message_id: result.message_id, queued: result.queued }, 201);
    })
    .openapi(pullRoute, async (c) => {
      const queue = await callersQueue(c.req.valid('param').name, c.get('principal').id);
      const body = c.req.valid('json');
      const timeout = body.visibility_timeout_seconds ?? deps.visibilityTimeoutSeconds;
      return c.json({ messages: await pull(deps.pool, queue.id, body.max_messages, timeout) }, 200);
    })
    .openapi(ackRoute, async (c) => {
      const queue = await callersQueue(c.req.valid('param').name, c.get('principal').id);
      const receipts = c.req.valid('json').receipts;
      const acked = await ack(deps.pool, queue.id, receipts);
      const unknown = receipts.filter((r) => !acked.includes(r));
      return c.json({ acked: acked.length, unknown_receipts: unknown }, 200);
    });
}
