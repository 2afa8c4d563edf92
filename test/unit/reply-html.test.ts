import { describe, expect, it } from 'vitest';
import { replyHtml } from '../../src/web/pages/reply-html.ts';

const render = async (reply: string) => (await replyHtml(reply)).toString().replace(/\s+/g, ' ');

describe('a command reply shown on a page', () => {
  it('shows bold, code, line breaks and paragraphs as the comment would', async () => {
    expect(await render('⏳ Rollback to `abc1234` to **production**\nline two\n\nSecond paragraph')).toBe(
      '<div role="status"> <p>⏳ Rollback to <code>abc1234</code> to <strong>production</strong><br />line two</p><p>Second paragraph</p> </div>',
    );
  });

  it('escapes everything else, including markup inside bold and code', async () => {
    const out = await render('locked by @x: <script>alert(1)</script> **<img src=x onerror=alert(1)>** `</code><b>`');
    expect(out).not.toMatch(/<script|<img|<b>/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<strong>&lt;img src=x onerror=alert(1)&gt;</strong>');
    expect(out).toContain('<code>&lt;/code&gt;&lt;b&gt;</code>');
  });

  it('leaves unmatched markers as text', async () => {
    expect(await render('a **b and `c')).toBe('<div role="status"> <p>a **b and `c</p> </div>');
  });
});
