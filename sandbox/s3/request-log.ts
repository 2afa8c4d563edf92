import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request that reached s3rver, in the order they arrived. */
export interface S3RequestLogEntry {
  /** `api` for S3 REST calls (SDK, CLI), `website` for requests through a website URL. */
  readonly via: 'api' | 'website';
  readonly method: string;
  readonly bucket: string;
  /** Object key, '' for bucket-level requests (ListObjectsV2, DeleteObjects). */
  readonly key: string;
  /** Raw query string without `?`, such as `list-type=2&prefix=` or `delete`. */
  readonly query: string;
  /** Position at arrival and at completion on one shared counter, to compare overlapping requests. */
  readonly started: number;
  ended: number;
  status: number;
}

export interface RequestLog {
  readonly entries: S3RequestLogEntry[];
  /** An http.Server 'request' listener that records (it does not answer). */
  record(req: IncomingMessage, res: ServerResponse): void;
  clear(): void;
}

export function createRequestLog(isWebsiteHost: (host: string) => string | undefined): RequestLog {
  const entries: S3RequestLogEntry[] = [];
  let counter = 0;
  return {
    entries,
    record(req, res) {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const websiteBucket = isWebsiteHost((req.headers.host ?? '').split(':')[0] ?? '');
      const segments = url.pathname.split('/').slice(1);
      const bucket = websiteBucket ?? decodeURIComponent(segments.shift() ?? '');
      const entry: S3RequestLogEntry = {
        via: websiteBucket === undefined ? 'api' : 'website',
        method: req.method ?? 'GET',
        bucket,
        key: decodeURIComponent(segments.join('/')),
        query: url.search.replace(/^\?/, ''),
        started: ++counter,
        ended: 0,
        status: 0,
      };
      entries.push(entry);
      res.on('finish', () => {
        entry.ended = ++counter;
        entry.status = res.statusCode;
      });
    },
    clear() {
      entries.length = 0;
    },
  };
}
