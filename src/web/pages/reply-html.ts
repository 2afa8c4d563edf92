import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

const INLINE = /(\*\*[^*\n]+\*\*|`[^`\n]+`)/;

/** One line of a reply: `**bold**` and `` `code` `` as the comment would show them, the rest as text. */
function inline(line: string): HtmlEscapedString | Promise<HtmlEscapedString> {
  const parts = line.split(INLINE).map((part) => {
    if (/^\*\*[^*\n]+\*\*$/.test(part)) return html`<strong>${part.slice(2, -2)}</strong>`;
    if (/^`[^`\n]+`$/.test(part)) return html`<code>${part.slice(1, -1)}</code>`;
    return html`${part}`;
  });
  return html`${parts}`;
}

/**
 * A command's reply (the Markdown a comment would get) as HTML for a page: paragraphs, line
 * breaks, bold and code. Every piece of text is escaped; nothing else of Markdown is interpreted.
 */
export function replyHtml(reply: string) {
  const paragraphs = reply.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return html`<div role="status">
    ${paragraphs.map((p) => html`<p>${p.split('\n').map((line, i) => (i === 0 ? inline(line) : html`<br />${inline(line)}`))}</p>`)}
  </div>`;
}
