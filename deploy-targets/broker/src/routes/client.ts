import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

// The client page's files, read once: a fixed list, so no request path ever reaches the file system.
const DIR = new URL('../../client/', import.meta.url);
const FILES = {
  '/client/': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/client/client.js': { name: 'client.js', type: 'text/javascript; charset=utf-8' },
  '/client/client.css': { name: 'client.css', type: 'text/css; charset=utf-8' },
} as const;

// The page runs only its own script and calls only its own origin.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/** /client/: the broker's client application (log in, subscribe, publish, pull, ack); mount at the root. */
export function clientRoutes(): Hono {
  // The page's relative URLs (client.js) need the trailing slash.
  const app = new Hono().get('/client', (c) => c.redirect('/client/', 301));
  for (const [path, file] of Object.entries(FILES)) {
    const body = readFileSync(new URL(file.name, DIR), 'utf8');
    app.get(path, (c) => c.body(body, 200, { 'Content-Type': file.type, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' }));
  }
  return app;
}
