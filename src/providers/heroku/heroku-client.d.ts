// heroku-client ships no types; this declares the part Runway uses (lib/index.js, lib/request.js).
declare module 'heroku-client' {
  import type { IncomingMessage } from 'node:http';

  export interface HerokuClientOptions {
    /** Full base URL; only its scheme, host and port are used. */
    host?: string;
    token?: string;
    /** Socket idle timeout in milliseconds; the request is aborted and rejected after it. */
    timeout?: number;
    headers?: Record<string, string>;
    userAgent?: string;
  }

  export interface HerokuRequestOptions {
    method?: string;
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
    /** Return the first page only instead of following Next-Range. */
    partial?: boolean;
    parseJSON?: boolean;
    timeout?: number;
    /** Called with each response before its body is read. */
    middleware?: (res: IncomingMessage, next: () => void) => void;
  }

  /** What a non-2xx answer rejects with. */
  export interface HerokuHttpError extends Error {
    statusCode?: number;
    body?: unknown;
    code?: string;
  }

  export default class Heroku {
    constructor(options?: HerokuClientOptions);
    request<T = unknown>(options: HerokuRequestOptions): Promise<T>;
  }
}
