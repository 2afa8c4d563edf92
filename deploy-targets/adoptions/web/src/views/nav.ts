import { h } from '../dom.ts';
import type { Route } from '../router.ts';
import { routeHash } from '../router.ts';

type Link = { label: string; route: Route; needs?: string[] };

const links: Link[] = [
  { label: 'Requests', route: { page: 'requests' }, needs: ['adoptions.read'] },
  { label: 'Animals', route: { page: 'animals', filter: {} }, needs: ['animals.read'] },
  { label: 'Adopters', route: { page: 'adopters', filter: {} }, needs: ['adopters.read'] },
  { label: 'Statistics', route: { page: 'statistics' }, needs: ['animals.read'] },
  { label: 'Documents', route: { page: 'documents' } },
  { label: 'Administration', route: { page: 'admin' }, needs: ['accounts.manage', 'roles.manage'] },
  { label: 'My account', route: { page: 'profile' } },
];

/** The pages this account may open (any one of `needs` is enough); the current one is marked. */
export function navView(current: Route, permissions: string[]): HTMLElement {
  const pageOf = (r: Route) => (r.page === 'animal' ? 'animals' : r.page === 'adopter' ? 'adopters' : r.page);
  return h(
    'nav',
    { 'aria-label': 'Pages' },
    ...links
      .filter((l) => !l.needs || l.needs.some((p) => permissions.includes(p)))
      .map((l) => h('a', { href: routeHash(l.route), ...(pageOf(current) === l.route.page ? { 'aria-current': 'page' } : {}) }, l.label)),
  );
}
