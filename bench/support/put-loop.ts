import { readdir, readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join, relative, sep } from 'node:path';
import pLimit from 'p-limit';

/**
 * The floor for an upload: every file of `dir` PUT to `endpoint/bucket/key` over keep-alive sockets,
 * `concurrency` at a time, as plain HTTP (no signing, hashing, headers or retries; s3rver takes
 * anonymous writes). No tool can upload the same files to the same server faster than this by much,
 * so a tool's time over the floor's, measured in the same run, is what the tool itself costs.
 */
export async function putLoop(dir: string, endpoint: string, bucket: string, concurrency: number): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const limit = pLimit(concurrency);
  try {
    await Promise.all(
      paths.map((path) =>
        limit(async () => {
          const key = relative(dir, path).split(sep).map(encodeURIComponent).join('/');
          await put(agent, new URL(`${endpoint}/${bucket}/${key}`), await readFile(path));
        }),
      ),
    );
  } finally {
    agent.destroy();
  }
}

function put(agent: Agent, url: URL, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', agent, headers: { 'content-length': body.length } }, (res) => {
      res.resume();
      res.once('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${url.pathname} answered ${res.statusCode}`))));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}
