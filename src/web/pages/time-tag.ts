import { html } from 'hono/html';

/**
 * A moment as `<time>`: UTC in the page (readable without JavaScript), turned into the viewer's
 * own time zone by the layout's script.
 */
export function timeTag(at: Date | null | undefined) {
  if (!at) return '';
  const iso = at.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

/** A duration as people read it: `42 s`, `3 min 5 s`, `1 h 2 min`, `2 d 5 h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}
