import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

export interface AttachOptions {
  /** The dyno's `attach_url`: `rendezvous://host:port/secret`. */
  attachUrl: string;
  /** Heroku's rendezvous speaks TLS; a local platform served over plain HTTP does not. */
  tls: boolean;
  /** Everything the dyno writes after the rendezvous handshake. */
  onOutput: (bytes: Uint8Array) => void;
  signal: AbortSignal;
  /** Fails when the dyno writes nothing for this long. */
  idleTimeoutMs: number;
}

/**
 * Attaches to a one-off dyno the way `heroku run` does: connect, send the URL's secret and CRLF,
 * drop the first line the service answers (`rendezvous`), then read the output until the dyno
 * closes the connection. Resolves at that close.
 */
export function attachToDyno(options: AttachOptions): Promise<void> {
  const url = new URL(options.attachUrl);
  const port = Number(url.port || 5000);
  const secret = url.pathname.slice(1);
  options.signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const socket: Socket = options.tls
      ? connectTls({ host: url.hostname, port, servername: url.hostname })
      : connectTcp({ host: url.hostname, port });
    const onAbort = () => socket.destroy(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    options.signal.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(options.idleTimeoutMs, () =>
      socket.destroy(new Error(`no output for ${Math.round(options.idleTimeoutMs / 1000)} s`)),
    );
    socket.once(options.tls ? 'secureConnect' : 'connect', () => socket.write(`${secret}\r\n`));
    let handshake = true;
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      if (!handshake) {
        options.onOutput(chunk);
        return;
      }
      pending = Buffer.concat([pending, chunk]);
      const newline = pending.indexOf(0x0a);
      if (newline < 0) return;
      handshake = false;
      const rest = pending.subarray(newline + 1);
      if (rest.length > 0) options.onOutput(rest);
    });
    socket.once('error', (error) => {
      options.signal.removeEventListener('abort', onAbort);
      reject(options.signal.aborted ? options.signal.reason : error);
    });
    socket.once('close', (hadError) => {
      options.signal.removeEventListener('abort', onAbort);
      if (!hadError) resolve();
    });
  });
}
