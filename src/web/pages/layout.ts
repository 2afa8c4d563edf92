import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export function layout(title: string, body: Html): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Runway</title>
        <style>
          body {
            font:
              15px/1.45 system-ui,
              sans-serif;
            margin: 0;
            color: #1f2328;
            background: #f6f8fa;
          }
          header {
            background: #24292f;
            color: #fff;
            padding: 0.7rem 1.5rem;
          }
          header a {
            color: #fff;
            text-decoration: none;
            font-weight: 600;
            margin-right: 1rem;
          }
          .visually-hidden {
            position: absolute;
            width: 1px;
            height: 1px;
            overflow: hidden;
            clip: rect(0 0 0 0);
          }
          .scroll {
            overflow-x: auto;
          }
          .timeline {
            list-style: none;
            padding: 0;
          }
          .timeline li {
            display: grid;
            grid-template-columns: minmax(8rem, 16rem) 6rem 1fr;
            gap: 0.5rem;
            align-items: center;
            padding: 0.3rem 0;
          }
          .bar {
            background: #0969da;
            height: 0.7rem;
            border-radius: 0.35rem;
            min-width: 2px;
          }
          form.filters {
            display: flex;
            flex-wrap: wrap;
            gap: 0.5rem 1rem;
            margin-bottom: 1rem;
          }
          td.actions form {
            margin: 0 0 0.3rem;
          }
          main {
            max-width: 1100px;
            margin: 1.5rem auto;
            padding: 0 1.5rem;
          }
          table {
            border-collapse: collapse;
            width: 100%;
            background: #fff;
          }
          th,
          td {
            text-align: left;
            padding: 0.45rem 0.7rem;
            border-bottom: 1px solid #d0d7de;
          }
          .state {
            font-weight: 600;
            border-radius: 1em;
            padding: 0.1em 0.6em;
            font-size: 0.85em;
          }
          .success,
          .succeeded {
            background: #dafbe1;
            color: #1a7f37;
          }
          .failure,
          .error,
          .failed,
          .undo_failed {
            background: #ffebe9;
            color: #cf222e;
          }
          .in_progress,
          .running {
            background: #ddf4ff;
            color: #0969da;
          }
          .queued,
          .pending,
          .rollback,
          .skipped,
          .inactive,
          .undone {
            background: #eaeef2;
            color: #57606a;
          }
          pre#log {
            background: #0d1117;
            color: #e6edf3;
            padding: 1rem;
            overflow-x: auto;
            font-size: 13px;
            min-height: 6rem;
          }
          dl {
            display: grid;
            grid-template-columns: max-content 1fr;
            gap: 0.2rem 1rem;
          }
          dt {
            color: #57606a;
          }
        </style>
      </head>
      <body>
        <header>
          <nav aria-label="Runway"><a href="/">Runway</a> <a href="/history">History</a> <a href="/delivery">Delivery</a></nav>
        </header>
        <main>${body}</main>
        <script>
          // Times arrive in UTC; show them in the viewer's own time zone.
          for (const t of document.querySelectorAll('time[datetime]')) {
            t.textContent = new Date(t.getAttribute('datetime')).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
          }
        </script>
      </body>
    </html>`;
}
