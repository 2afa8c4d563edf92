import picomatch from 'picomatch';
import { z } from 'zod';
import type { EnvironmentConfig } from '../config/deploy-config.ts';

/** A push to a branch, a pushed tag or a published release, as the webhook handlers record it for the worker. */
export const triggerEvent = z.object({
  kind: z.enum(['push', 'tag', 'release']),
  installationId: z.number(),
  owner: z.string(),
  repo: z.string(),
  defaultBranch: z.string(),
  /** The branch pushed to, or the tag pushed or released. */
  name: z.string().min(1),
  /** The pushed commit; a release names only its tag, resolved by the job. */
  sha: z.string().optional(),
  /** The pusher, the tagger or the release author: the one `deployers` is checked against. */
  actor: z.string(),
  actorType: z.enum(['User', 'Bot']),
});
export type TriggerEvent = z.infer<typeof triggerEvent>;

/** Whether an environment's `on:` asks for a deployment on this event. */
export function environmentTriggeredBy(env: EnvironmentConfig, event: TriggerEvent): boolean {
  const on = env.on;
  const branch = env.branch ?? event.defaultBranch;
  if (on === 'merge') return false;
  if (on === 'push') return event.kind === 'push' && event.name === branch;
  if ('tag' in on) return event.kind === 'tag' && picomatch(on.tag)(event.name);
  return event.kind === 'release';
}
