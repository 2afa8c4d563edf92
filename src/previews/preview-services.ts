import type { Logger } from 'pino';
import type { GitHubClientFactory } from '../github/github-client.ts';
import type { Redactor } from '../log/redactor.ts';
import type { ResourceGate } from '../policy/resource-gate.ts';
import type { ProviderDeps } from '../providers/provider.ts';
import type { Database } from '../store/database.ts';

/** What the preview jobs use from the server. */
export interface PreviewServices {
  readonly db: Database;
  readonly github: GitHubClientFactory;
  readonly redactor: Redactor;
  readonly resources: ResourceGate;
  readonly log: Logger;
  readonly providerDeps: ProviderDeps;
  /** Wakes the worker after a job was enqueued. */
  readonly wake: () => void;
}

export function herokuAccess(services: Pick<PreviewServices, 'providerDeps'>): { baseUrl: string; token: string | undefined } {
  return { baseUrl: services.providerDeps.herokuApiUrl, token: services.providerDeps.herokuApiToken };
}
