import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/openapi/api-routes.ts';
import type { RouteSpec } from '../src/openapi/route-spec.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { hostileBody, hostileQuery, hostileSegment } from './support/hostile-input.ts';

/**
 * No input answers 500: every documented route gets malformed, extreme and wrong-typed bodies, path
 * ids and queries. The harness checks every answer against the OpenAPI document, so an undocumented
 * status or shape fails too. Runs are bounded to keep the suite quick; a failure prints its seed.
 */
const runsPerRoute = 30;

let h: Harness;
let volunteerToken: string;
beforeAll(async () => {
  h = await startHarness('properties');
  volunteerToken = (await h.member('volunteer')).token;
  // Rows for the plausible ids to find: animals 1-3 come from the seed.
  await h.call('POST', '/adopters', { token: h.adminToken, body: { name: 'Fuzz Adopter', email: 'fa@example.test' } });
  await h.call('POST', '/adoption-requests', { token: h.adminToken, body: { animalId: 1, adopterId: 1 } });
  await h.call('POST', '/animals/1/events', { token: h.adminToken, body: { kind: 'arrival', occurredOn: '2024-01-01' } });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const bodyFields = (route: RouteSpec): string[] => {
  if (!route.body) return [];
  const schema = z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) as { properties?: object };
  return Object.keys(schema.properties ?? {});
};

function requestFor(route: RouteSpec) {
  const segments = [...route.path.matchAll(/\{\w+\}/g)].map(() => hostileSegment);
  return fc.record({
    segments: fc.tuple(...segments),
    query: route.query ? hostileQuery(Object.keys(route.query.shape)) : fc.constant(''),
    body: route.body ? hostileBody(bodyFields(route)) : fc.constant(undefined),
    // Mostly the admin (every permission, so inputs reach the handlers), sometimes less or nothing.
    who: fc.constantFrom('admin', 'admin', 'admin', 'volunteer', 'nobody', 'garbage'),
  });
}

// Signing out is the one route that spends its token; it gets a fresh session each run instead.
const spendsToken = (route: RouteSpec) => route.method === 'delete' && route.path === '/sessions/current';

describe('no input answers 500', () => {
  for (const route of apiRoutes) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async ({ segments, query, body, who }) => {
          let i = 0;
          const path = route.path.replace(/\{\w+\}/g, () => segments[i++] as string) + query;
          const token = spendsToken(route)
            ? (await h.member('volunteer')).token
            : { admin: h.adminToken, volunteer: volunteerToken, nobody: undefined, garbage: 'a.b.c' }[who];
          const raw = body && typeof body === 'object' && 'raw' in body ? (body.raw as string) : undefined;
          const res = await h.call(route.method.toUpperCase(), path, {
            token,
            body: body === undefined ? undefined : (raw ?? JSON.stringify(body)),
            ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' } }),
          });
          expect(res.status, `${route.method} ${path} ${JSON.stringify(body)?.slice(0, 300)}`).toBeLessThan(500);
        }),
        { numRuns: spendsToken(route) ? 5 : runsPerRoute },
      );
    });
  }
});
