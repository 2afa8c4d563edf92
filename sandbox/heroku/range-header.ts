/** Heroku's list Range header: `version ..; order=desc, max=10` (also `]5..` to start after 5). */
export interface ListRange {
  field: string;
  start: string | null;
  exclusiveStart: boolean;
  order: 'asc' | 'desc';
  max: number;
}

export function parseListRange(header: string | undefined, defaultField: string): ListRange {
  const range: ListRange = { field: defaultField, start: null, exclusiveStart: false, order: 'asc', max: 200 };
  if (!header) return range;
  const [spec = '', options = ''] = header.split(';');
  const match = /^\s*(\w+)\s*(\]?)([^.\s]*)\s*\.\.\s*([^\s]*)\s*$/.exec(spec);
  if (match) {
    range.field = match[1] ?? defaultField;
    range.exclusiveStart = match[2] === ']';
    range.start = match[3] ? match[3] : null;
  }
  for (const option of options.split(',')) {
    const [key, value] = option.split('=').map((part) => part.trim());
    if (key === 'order' && (value === 'asc' || value === 'desc')) range.order = value;
    if (key === 'max' && value && /^\d+$/.test(value)) range.max = Math.min(1000, Math.max(1, Number(value)));
  }
  return range;
}

/**
 * Applies a range to items sorted ascending by `key`. Returns one page and, when more remain,
 * the Next-Range header value that asks for the rest.
 */
export function pageOf<T>(items: T[], range: ListRange, key: (item: T) => string | number): { page: T[]; nextRange: string | null } {
  const ordered = range.order === 'desc' ? [...items].reverse() : [...items];
  let startIndex = 0;
  if (range.start !== null) {
    const found = ordered.findIndex((item) => String(key(item)) === range.start);
    if (found >= 0) startIndex = range.exclusiveStart ? found + 1 : found;
  }
  const page = ordered.slice(startIndex, startIndex + range.max);
  const last = page.at(-1);
  const more = startIndex + range.max < ordered.length && last !== undefined;
  const nextRange = more ? `${range.field} ]${key(last)}..; order=${range.order}, max=${range.max}` : null;
  return { page, nextRange };
}
