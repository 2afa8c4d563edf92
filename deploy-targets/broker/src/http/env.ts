import type { Pool } from 'pg';
import type { Principal } from '../auth/token.ts';

/** What every route gets: the database, the settings it needs, and (after `authenticate`) the caller. */
export interface AppDeps {
  pool: Pool;
  jwtSecret: string;
  tokenTtlSeconds: number;
  visibilityTimeoutSeconds: number;
  corsOrigins: string[];
}

export interface AppEnv {
  Variables: { principal: Principal };
}
