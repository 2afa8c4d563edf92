import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';

/** Called once a client attached; `write`/`end` go to the client's socket. */
export type AttachHandler = (client: { write(text: string): void; end(): void }) => void;

/**
 * Heroku's rendezvous service for attached one-off dynos, without TLS: the client connects to
 * `attach_url`'s host and port, sends the URL's path secret and a newline, reads one line
 * (`rendezvous`) and then the dyno's output until the socket closes.
 */
export interface RendezvousServer {
  /** Registers a dyno waiting for its client; returns the `rendezvous://` URL. */
  expect(onAttach: AttachHandler, timeoutMs: number, onTimeout: () => void): string;
  close(): Promise<void>;
}

export async function startRendezvousServer(): Promise<RendezvousServer> {
  const waiting = new Map<string, { onAttach: AttachHandler; timer: NodeJS.Timeout }>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('utf8');
    let received = '';
    const onData = (data: string): void => {
      received += data;
      const newline = received.indexOf('\n');
      if (newline < 0) return;
      socket.off('data', onData);
      const secret = received.slice(0, newline).trim();
      const entry = waiting.get(secret);
      if (!entry) {
        socket.end('error: unknown rendezvous secret\r\n');
        return;
      }
      waiting.delete(secret);
      clearTimeout(entry.timer);
      socket.write('rendezvous\r\n');
      entry.onAttach({ write: (text) => socket.write(text), end: () => socket.end() });
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    expect(onAttach, timeoutMs, onTimeout) {
      const secret = randomBytes(16).toString('hex');
      const timer = setTimeout(() => {
        waiting.delete(secret);
        onTimeout();
      }, timeoutMs);
      waiting.set(secret, { onAttach, timer });
      return `rendezvous://127.0.0.1:${port}/${secret}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { timer } of waiting.values()) clearTimeout(timer);
        waiting.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
