import { ProviderError } from '../../deployments/errors.ts';

/** What the API client knows about a call that failed for good. */
export interface FailedCall {
  method: string;
  path: string;
  /** The HTTP status, when the API answered at all. */
  status?: number;
  /** Heroku's own one-line explanation (`{ "id": "...", "message": "..." }`), when it gave one. */
  herokuMessage?: string;
  /** Why no answer came: a timeout or a socket error code. */
  transport?: string;
  attempts: number;
}

/** What the messages name: the app, and what a 404 means for this call when it is not the app. */
export interface ErrorSubject {
  app: string;
  notFound?: string;
}

/** Turns a failed Heroku call into the one line a user reads. The token never appears: it is not in any of the inputs. */
export function herokuApiError(call: FailedCall, subject: ErrorSubject): ProviderError {
  switch (call.status) {
    case 401:
      return new ProviderError('Heroku rejected the API token (HEROKU_API_TOKEN)');
    case 403:
      return new ProviderError(`no access to app ${subject.app} with this Heroku API token`);
    case 404:
      return new ProviderError(subject.notFound ?? `Heroku app ${subject.app} not found`);
    case undefined: {
      const why = call.transport ?? 'no answer';
      return new ProviderError(`Heroku API unreachable (${why}) for ${call.method} ${call.path} after ${plural(call.attempts, 'attempt')}`);
    }
    default: {
      const detail = call.herokuMessage ? `: ${call.herokuMessage}` : '';
      const retried = call.attempts > 1 ? ` after ${plural(call.attempts, 'attempt')}` : '';
      return new ProviderError(`Heroku API answered ${call.status} to ${call.method} ${call.path}${retried}${detail}`);
    }
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
