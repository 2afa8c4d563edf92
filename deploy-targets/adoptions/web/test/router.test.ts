import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../src/router.ts';

describe('routes in the hash', () => {
  it('reads pages, ids and filters, and writes them back the same', () => {
    const routes: [string, Route][] = [
      ['#/', { page: 'requests', state: undefined }],
      ['#/?state=under_review', { page: 'requests', state: 'under_review' }],
      [
        '#/animals?q=calm%20dog&status=available',
        { page: 'animals', filter: { q: 'calm dog', species: undefined, status: 'available', sex: undefined } },
      ],
      ['#/animals/42', { page: 'animal', id: '42' }],
      ['#/adopters?blackListed=true', { page: 'adopters', filter: { q: undefined, blackListed: 'true' } }],
      ['#/adopters/7', { page: 'adopter', id: '7' }],
      ['#/statistics', { page: 'statistics' }],
      ['#/reset-password?code=abc_-', { page: 'reset-password', code: 'abc_-' }],
    ];
    for (const [hash, route] of routes) {
      expect(parseRoute(hash)).toEqual(route);
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
  });

  it('falls back on anything it does not know instead of passing it to the API', () => {
    expect(parseRoute('#/animals/0')).toMatchObject({ page: 'animals' });
    expect(parseRoute('#/animals/1e3')).toMatchObject({ page: 'animals' });
    expect(parseRoute('#/adopters/99999999999999999999')).toMatchObject({ page: 'adopters' });
    expect(parseRoute('#/animals?status=lost&sex=robot')).toEqual({
      page: 'animals',
      filter: { q: undefined, species: undefined, status: undefined, sex: undefined },
    });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'requests', state: undefined });
    expect(parseRoute('#/?state=__proto__')).toEqual({ page: 'requests', state: undefined });
    expect((parseRoute(`#/animals?q=${'x'.repeat(500)}`) as { filter: { q: string } }).filter.q).toHaveLength(120);
  });
});
