export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/**
 * Reads Server-Sent Events from a response body, calling `onEvent` for each, until the stream
 * ends or `onEvent` returns `'stop'` (the connection is then dropped, as a browser losing it would).
 */
export async function readSse(res: Response, onEvent: (e: SseEvent) => 'stop' | void): Promise<void> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const e: SseEvent = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(':');
          const v = rest.join(':').replace(/^ /, '');
          if (field === 'event') e.event = v;
          else if (field === 'id') e.id = v;
          else if (field === 'data') e.data += v;
        }
        if (onEvent(e) === 'stop') return;
      }
    }
  } finally {
    await reader.cancel();
  }
}
