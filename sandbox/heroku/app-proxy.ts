import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The app's router: a port that never changes, forwarding to whichever web process is current.
 * Switching the target is atomic for new requests; requests already in flight finish on the old one.
 */
export interface AppProxy {
  readonly port: number;
  readonly webUrl: string;
  setTarget(port: number | null): void;
  close(): Promise<void>;
}

const noWebProcess = '<!DOCTYPE html><title>Application error</title><p>No web process is running (H14).</p>\n';

export async function startAppProxy(): Promise<AppProxy> {
  let target: number | null = null;
  const server: Server = createServer((req, res) => {
    if (target === null) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end(noWebProcess);
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers, agent: false },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><title>Application error</title><p>The web process did not answer (H13).</p>\n');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    webUrl: `http://127.0.0.1:${port}/`,
    setTarget(next) {
      target = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
