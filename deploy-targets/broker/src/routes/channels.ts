import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { channelName } from '../http/names.ts';
import { jsonBody, pathParams } from '../http/validate.ts';
import { createChannel, deleteChannel, listChannels } from '../store/channels.ts';

const newChannel = z.object({ name: channelName }).strict();
const channelParams = z.object({ name: channelName });

/** Mounted at /channels, behind `authenticate`. */
export function channelRoutes(deps: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/', requireRole('admin'), jsonBody(newChannel), async (c) => {
      const { name } = c.req.valid('json');
      const result = await createChannel(deps.pool, name);
      if (!result.ok) throw httpError(409, `channel ${name} exists`);
      return c.json(result.channel, 201);
    })
    .get('/', async (c) => c.json({ channels: await listChannels(deps.pool) }))
    .delete('/:name', requireRole('admin'), pathParams(channelParams), async (c) => {
      if (!(await deleteChannel(deps.pool, c.req.valid('param').name))) throw httpError(404, 'no such channel');
      return c.body(null, 204);
    });
}
