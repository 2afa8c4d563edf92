import type { Context } from 'hono';

/** Slices a list by `per_page`/`page` and sets GitHub's `Link` header (next, last, first, prev). */
export function paginate<T>(c: Context, items: T[]): T[] {
  const perPage = Math.min(100, Math.max(1, Number(c.req.query('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string): string => {
    const url = new URL(c.req.url);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (links.length > 0) c.header('Link', links.join(', '));
  return items.slice((page - 1) * perPage, page * perPage);
}
