import type { HerokuBuild, HerokuRelease } from './api-schemas.ts';

/**
 * What the steps of one deployment hand each other. `steps()` makes one per deployment, so
 * nothing leaks between deployments.
 */
export interface HerokuDeployState {
  /** The release that was current just before the build started: what a rollback returns to. */
  liveBefore?: HerokuRelease;
  /** The build `backend.source` started. */
  build?: HerokuBuild;
  /** The backup `backend.backup` captured (`b012`). */
  backup?: string;
  /** `web_url` without its trailing slash, once `backend.release` read it. */
  webUrl?: string;
}
