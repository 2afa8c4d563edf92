import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { channelName } from '../http/names.ts';
import { bearerSecurity, bodyErrors, errors, jsonAnswer, jsonBody, validationHook } from '../http/openapi.ts';
import { createChannel, deleteChannel, listChannels } from '../store/channels.ts';

const newChannel = z.object({ name: channelName }).strict().openapi('NewChannel');
export const channelParams = z.object({ name: channelName });
const channelSchema = z
  .object({ id: z.number().int(), name: z.string(), created_at: z.string(), queues: z.number().int() })
  .openapi('Channel');
const common = { security: bearerSecurity, tags: ['channels'] };

const create = createRoute({
  ...common,
  method: 'post',
  path: '/',
  summary: 'Create a channel (admin)',
  middleware: [requireRole('admin')] as const,
  request: jsonBody(newChannel),
  responses: { 201: jsonAnswer(channelSchema, 'Created'), ...bodyErrors, 403: errors[403], 409: errors[409] },
});
const list = createRoute({
  ...common,
  method: 'get',
  path: '/',
  summary: 'Every channel, with its number of queues',
  responses: { 200: jsonAnswer(z.object({ channels: z.array(channelSchema) }), 'Channels'), 401: errors[401] },
});
const remove = createRoute({
  ...common,
  method: 'delete',
  path: '/{name}',
  summary: 'Delete a channel, its queues and their messages (admin)',
  middleware: [requireRole('admin')] as const,
  request: { params: channelParams },
  responses: { 204: { description: 'Deleted' }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

/** Mounted at /channels, behind `authenticate`. */
export function channelRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(create, async (c) => {
      const { name } = c.req.valid('json');
      const result = await createChannel(deps.pool, name);
      if (!result.ok) throw httpError(409, `channel ${name} exists`);
      return c.json(result.channel, 201);
    })
    .openapi(list, async (c) => c.json({ channels: await listChannels(deps.pool) }, 200))
    .openapi(remove, async (c) => {
      if (!(await deleteChannel(deps.pool, c.req.valid('param').name))) throw httpError(404, 'no such channel');
      return c.body(null, 204);
    });
}
