import type { AdopterFilter, AdoptionState, AnimalFilter } from './api/types.ts';

/** The pages of the app, addressed by the URL's hash so that the static S3 site needs no rewrites. */
export type Route =
  | { page: 'requests'; state?: AdoptionState }
  | { page: 'animals'; filter: AnimalFilter }
  | { page: 'animal'; id: string }
  | { page: 'adopters'; filter: AdopterFilter }
  | { page: 'adopter'; id: string }
  | { page: 'statistics' }
  | { page: 'documents' }
  | { page: 'admin' }
  | { page: 'profile' }
  | { page: 'reset-password'; code: string };

const id = /^[1-9]\d{0,18}$/;
const states: AdoptionState[] = ['submitted', 'under_review', 'approved', 'rejected', 'withdrawn', 'completed'];
const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined => allowed.find((a) => a === value);

/** `#/animals/7`, `#/adopters?q=sam`, …; anything unknown is the requests page. */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(search);
  const text = (name: string) => params.get(name)?.slice(0, 120) || undefined;
  const parts = path.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'animals':
      if (parts[1] && id.test(parts[1])) return { page: 'animal', id: parts[1] };
      return {
        page: 'animals',
        filter: {
          q: text('q'),
          species: text('species'),
          status: pick(params.get('status'), ['available', 'reserved', 'adopted'] as const),
          sex: pick(params.get('sex'), ['female', 'male', 'unknown'] as const),
        },
      };
    case 'adopters':
      if (parts[1] && id.test(parts[1])) return { page: 'adopter', id: parts[1] };
      return { page: 'adopters', filter: { q: text('q'), blackListed: pick(params.get('blackListed'), ['true', 'false'] as const) } };
    case 'statistics':
    case 'documents':
    case 'admin':
    case 'profile':
      return { page: parts[0] };
    case 'reset-password':
      return { page: 'reset-password', code: params.get('code') ?? '' };
    default:
      return { page: 'requests', state: pick(params.get('state'), states) };
  }
}

/** The hash for a page, with only the filters that are set. */
export function routeHash(route: Route): string {
  const withQuery = (path: string, query: Record<string, string | undefined>) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
    const text = params.toString();
    return `#/${path}${text ? `?${text}` : ''}`;
  };
  switch (route.page) {
    case 'requests':
      return withQuery('', { state: route.state });
    case 'animals':
      return withQuery('animals', route.filter);
    case 'animal':
      return `#/animals/${route.id}`;
    case 'adopters':
      return withQuery('adopters', route.filter);
    case 'adopter':
      return `#/adopters/${route.id}`;
    case 'reset-password':
      return withQuery('reset-password', { code: route.code });
    default:
      return `#/${route.page}`;
  }
}
