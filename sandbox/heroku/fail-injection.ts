import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface InjectedResponse {
  status: number;
  body?: object;
  headers?: Record<string, string>;
}

interface Injection {
  method: string;
  pathPattern: RegExp;
  responses: InjectedResponse[];
}

/** Queued answers that replace the next matching requests (for retry tests), then normal behaviour. */
export class FailureInjector {
  private readonly injections: Injection[] = [];

  add(method: string, pathPattern: RegExp, responses: InjectedResponse[]): void {
    this.injections.push({ method: method.toUpperCase(), pathPattern, responses: [...responses] });
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const injection = this.injections.find((i) => i.method === c.req.method && i.pathPattern.test(c.req.path) && i.responses.length > 0);
      const response = injection?.responses.shift();
      if (!response) return next();
      const body = response.body ?? { id: 'service_unavailable', message: 'Injected failure.' };
      return c.json(body, response.status as ContentfulStatusCode, response.headers ?? {});
    };
  }
}
