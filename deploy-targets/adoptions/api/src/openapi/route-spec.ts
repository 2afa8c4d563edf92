import type { z } from 'zod';
import type { Permission } from '../auth/permissions.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One endpoint as the OpenAPI document describes it; the schemas are the ones the handlers use. */
export type RouteSpec = {
  method: HttpMethod;
  /** OpenAPI template: `/animals/{id}`. */
  path: string;
  summary: string;
  /** Absent: public. `signed-in`: any accepted account. */
  access?: Permission | 'signed-in';
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: 200 | 201 | 202 | 204; schema?: z.ZodType };
  /** Statuses beyond those every route of its kind has (400/413 for bodies, 401/403, 404 for ids). */
  errors?: readonly number[];
  /** Other successful answers with their own shape (e.g. /healthz's 503). */
  also?: Record<number, z.ZodType>;
};
