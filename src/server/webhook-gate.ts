import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';

export const WEBHOOK_PATH = '/api/github/webhooks';
const MAX_BODY_BYTES = 25 * 1024 * 1024; // GitHub caps payloads at 25 MB

/**
 * Checks a webhook delivery before Probot sees it: a missing or wrong `X-Hub-Signature-256` gets
 * 401 and a body that is not JSON gets 400, with nothing run or stored. A good request continues
 * with its body attached, which Probot's middleware reads instead of the stream.
 */
export async function gateWebhook(req: IncomingMessage, res: ServerResponse, secret: string): Promise<'pass' | 'answered'> {
  let body: string;
  try {
    body = await readBody(req);
  } catch (error) {
    return answer(res, 413, (error as Error).message);
  }
  const signature = req.headers['x-hub-signature-256'];
  if (typeof signature !== 'string' || !(await verify(secret, body, signature).catch(() => false))) {
    return answer(res, 401, 'signature does not match the payload and the webhook secret');
  }
  try {
    JSON.parse(body);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return answer(res, 400, 'body is not JSON');
  }
  (req as IncomingMessage & { body?: string }).body = body;
  return 'pass';
}

function answer(res: ServerResponse, status: number, error: string): 'answered' {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
  return 'answered';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('payload larger than 25 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
