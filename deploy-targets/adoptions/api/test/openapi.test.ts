import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { apiRoutes } from '../src/openapi/api-routes.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { contractChecker, type OpenApiDocument } from './support/contract.ts';

let h: Harness;
let document: OpenApiDocument;
beforeAll(async () => {
  h = await startHarness('openapi');
  document = (await h.call('GET', '/openapi.json')).body;
});
afterAll(async () => {
  await h?.close();
});

/** The routes Hono serves, as `get /animals/{id}`. */
function servedRoutes(): string[] {
  const app = createApp({} as Parameters<typeof createApp>[0]);
  const methods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
  const served = app.routes
    .filter((r) => methods.has(r.method))
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`);
  return [...new Set(served)].sort();
}

describe('the OpenAPI document', () => {
  it('lists exactly the routes the app serves', () => {
    const documented = apiRoutes.map((r) => `${r.method} ${r.path}`).sort();
    expect(documented).toEqual(servedRoutes());
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(apiRoutes.map((r) => r.path))].sort());
  });

  it('is OpenAPI 3.1 with bearer security on every guarded route', () => {
    expect(document).toMatchObject({ openapi: '3.1.0', components: { securitySchemes: { bearer: { scheme: 'bearer' } } } });
    const animals = (document.paths['/animals/{id}'] as Record<string, { security?: unknown; responses: object }>).get!;
    expect(animals.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(animals.responses).sort()).toEqual(['200', '401', '403', '404']);
  });

  it('refuses answers that stray from it (the check the tests rely on)', () => {
    const check = contractChecker(document);
    expect(() => check('GET', '/healthz', 200, { ok: true, database: 'up' })).not.toThrow();
    expect(() => check('GET', '/healthz', 200, { ok: 'yes', database: 'up' })).toThrow(/does not match/);
    expect(() => check('GET', '/healthz', 200, { ok: true, database: 'up', secret: 1 })).toThrow(/does not match/);
    expect(() => check('GET', '/healthz', 418, {})).toThrow(/does not list/);
    expect(() => check('GET', '/animals/1', 500, { error: 'internal', message: 'x' })).toThrow(/does not list/);
    expect(() => check('DELETE', '/animals/1', 204, { unexpected: true })).toThrow(/no body/);
    expect(() => check('GET', '/nowhere', 200, {})).toThrow(/not in the OpenAPI document/);
    expect(() => check('GET', '/nowhere', 404, { error: 'not_found', message: 'no such route' })).not.toThrow();
    expect(() => check('GET', '/nowhere', 404, 'oops')).toThrow(/not an error body/);
  });
});
