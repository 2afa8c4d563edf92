import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';
import pLimit from 'p-limit';

export const WEBHOOK_PATH = '/api/github/webhooks';
/** GitHub caps payloads at 25 MB; nothing larger can be a real delivery. */
export const MAX_WEBHOOK_BODY_BYTES = 25 * 1024 * 1024;
/** What GitHub sends: `sha256=` and 64 lowercase hex digits. */
const SIGNATURE_FORMAT = /^sha256=[0-9a-f]{64}$/;
/**
 * Bodies read and checked at once. Each may hold up to 25 MB in memory, so a flood of large bodies
 * is bounded to about 200 MB; real deliveries are a few kB and pass through in microseconds.
 */
const CONCURRENT_READS = 8;
/** Requests waiting for a read slot; past this the server is overloaded and says so (503) at once. */
const MAX_WAITING = 64;
/** How long a refused request may keep sending its body before its connection is cut. */
const DRAIN_GRACE_MS = 2_000;

type BodyCheck = { ok: true; body: string } | { ok: false; reason: 'closed' | 'too_large' | 'bad_signature' };

/** A delivery that passed the door: its id, its event name and its parsed JSON body. */
export interface VerifiedDelivery {
  id: string;
  name: string;
  payload: unknown;
}

export type WebhookGate = (req: IncomingMessage, res: ServerResponse) => Promise<VerifiedDelivery | 'answered'>;

/** What GitHub sends as a webhook's media type (`application/json`, maybe with parameters). */
const JSON_MEDIA_TYPE = /^\s*application\/json\s*(?:;|$)/i;

/**
 * The webhook endpoint's door. Cheap refusals come first, before any byte of the body is read: a
 * missing or malformed `X-Hub-Signature-256` gets 401, a missing `X-GitHub-Event` or
 * `X-GitHub-Delivery` 400, a body that is not `application/json` 415, a declared `Content-Length`
 * over 25 MB 413, and a full waiting line 503. Then the body is read (at most `CONCURRENT_READS`
 * at once, stopping past 25 MB for chunked bodies), the signature is checked (401) and the JSON
 * parsed (400), with nothing run or stored for a refused request. A good request comes out as
 * its delivery id, event name and parsed body, checked and parsed once.
 */
export function createWebhookGate(secret: string): WebhookGate {
  const limit = pLimit(CONCURRENT_READS);
  return async (req, res) => {
    const signature = req.headers['x-hub-signature-256'];
    if (typeof signature !== 'string' || !SIGNATURE_FORMAT.test(signature)) {
      return refuse(req, res, 401, 'X-Hub-Signature-256 is missing or not sha256= and 64 hex digits');
    }
    const id = req.headers['x-github-delivery'];
    const name = req.headers['x-github-event'];
    if (typeof id !== 'string' || id === '' || typeof name !== 'string' || name === '') {
      return refuse(req, res, 400, 'X-GitHub-Event and X-GitHub-Delivery are required');
    }
    if (!JSON_MEDIA_TYPE.test(req.headers['content-type'] ?? '')) return refuse(req, res, 415, 'the body must be application/json');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_WEBHOOK_BODY_BYTES) return refuse(req, res, 413, 'payload larger than 25 MB');
    if (limit.pendingCount >= MAX_WAITING) return refuse(req, res, 503, 'too many webhook deliveries at once; try again');
    const checked = await limit(async (): Promise<BodyCheck> => {
      const body = await readBody(req);
      if (body === 'closed' || body === 'too_large') return { ok: false, reason: body };
      if (!(await verify(secret, body, signature).catch(() => false))) return { ok: false, reason: 'bad_signature' };
      return { ok: true, body };
    });
    if (!checked.ok) {
      if (checked.reason === 'closed') return 'answered';
      if (checked.reason === 'too_large') return refuse(req, res, 413, 'payload larger than 25 MB');
      return refuse(req, res, 401, 'signature does not match the payload and the webhook secret');
    }
    try {
      return { id, name, payload: JSON.parse(checked.body) as unknown };
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return refuse(req, res, 400, 'body is not JSON');
    }
  };
}

/**
 * Answers a refused request. When its body was not (fully) read, the rest is discarded for a short
 * grace and then the connection is cut: closing at once (`Connection: close`) would make the kernel
 * reset a connection with unread bytes, and a client still sending could lose the answer with it.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: string): 'answered' {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
  if (!req.complete) {
    req.resume();
    const cut = setTimeout(() => req.complete || req.socket.destroy(), DRAIN_GRACE_MS);
    cut.unref();
  }
  return 'answered';
}

/**
 * Reads the body up to the cap. Past it, reading stops (the stream is paused, not destroyed, so
 * the answer can still be sent); a client that goes away mid-body ends the read as `closed`.
 */
function readBody(req: IncomingMessage): Promise<string | 'too_large' | 'closed'> {
  // A client that went away while its request waited for a slot sends no more events.
  if (req.destroyed) return Promise.resolve('closed');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: string | 'too_large' | 'closed') => {
      req.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_WEBHOOK_BODY_BYTES) return void chunks.push(chunk);
      req.pause();
      finish('too_large');
    };
    const onEnd = () => finish(Buffer.concat(chunks).toString('utf8'));
    const onClose = () => finish('closed');
    req.on('data', onData).on('end', onEnd).on('close', onClose).on('error', onClose);
  });
}
