import { z } from 'zod';
import { errorView } from '../schemas/views.ts';
import { apiRoutes } from './api-routes.ts';
import type { RouteSpec } from './route-spec.ts';

type JsonSchema = Record<string, unknown>;

// Requests are described as clients send them (before defaults and transforms), answers as sent.
const inputSchema = (schema: z.ZodType): JsonSchema => strip(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
const outputSchema = (schema: z.ZodType): JsonSchema => strip(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }));
const strip = ({ $schema: _dialect, ...rest }: JsonSchema): JsonSchema => rest;

const errorDescriptions: Record<number, string> = {
  400: 'The body or query is invalid; `details` names each field',
  401: 'No valid token, or the session ended',
  403: 'Your role lacks the permission',
  404: 'No such resource',
  409: 'The change conflicts with the current state',
  413: 'The body is too large',
};

/** Every status a route may answer besides its success. */
export function errorStatuses(route: RouteSpec): number[] {
  const statuses = new Set<number>(route.errors ?? []);
  if (route.body) [400, 413].forEach((s) => statuses.add(s));
  if (route.query) statuses.add(400);
  if (route.access) statuses.add(401);
  if (route.access && route.access !== 'signed-in') statuses.add(403);
  if (route.path.includes('{')) statuses.add(404);
  return [...statuses].sort();
}

function operation(route: RouteSpec) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: name === 'name' ? { type: 'string', pattern: '^[a-z][a-z0-9_-]{1,39}$' } : { type: 'string', pattern: '^[1-9][0-9]{0,17}$' },
  }));
  const queryParams = Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema: inputSchema(schema as z.ZodType),
  }));
  const responses: Record<string, unknown> = {
    [route.ok.status]: route.ok.schema
      ? { description: 'Success', content: { 'application/json': { schema: outputSchema(route.ok.schema) } } }
      : { description: 'Success, no body' },
  };
  for (const [status, schema] of Object.entries(route.also ?? {})) {
    responses[status] = { description: 'Also', content: { 'application/json': { schema: outputSchema(schema) } } };
  }
  for (const status of errorStatuses(route)) {
    responses[status] = { description: errorDescriptions[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return {
    summary: route.summary,
    ...(route.access ? { security: [{ bearer: [] }], 'x-permission': route.access } : {}),
    ...(pathParams.length || queryParams.length ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: inputSchema(route.body) } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the API, generated from the same zod schemas the handlers validate with. */
export function openApiDocument(routes: readonly RouteSpec[] = apiRoutes) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: { title: 'Adoptions API', version: '1.0.0', description: 'Animal adoption management: accounts, animals, adopters, adoptions.' },
    paths,
    components: {
      schemas: { Error: outputSchema(errorView) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
