import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A port of its own that serves one bucket as a website at `/`: it forwards every request to s3rver
 * with the `<bucket>.s3-website.…` Host header that s3rver's vhost routing expects, so that a browser
 * or fetch can open the site without DNS entries and absolute paths (`/assets/x.js`) resolve.
 */
export async function startWebsiteProxy(
  target: { host: string; port: number },
  hostHeader: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const agent = new Agent({ keepAlive: true });
  const server: Server = createServer((req, res) => {
    const upstream = request(
      { host: target.host, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: hostHeader }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`sandbox website proxy: ${err.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
