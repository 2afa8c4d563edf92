/** Typed calls to the adoptions API. Takes `fetch` so that it runs in the browser and in Node tests alike. */
import { accountCalls } from './api/accounts.ts';
import { adopterCalls } from './api/adopters.ts';
import { animalCalls } from './api/animals.ts';
import { documentCalls } from './api/documents.ts';
import { createTransport } from './api/http.ts';
import type { AdoptionState } from './api/types.ts';

export { ApiError, type FieldError } from './api/http.ts';
export type * from './api/types.ts';

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(baseUrl: string, options: { fetch?: typeof fetch; token?: () => string | undefined } = {}) {
  const transport = createTransport(baseUrl, options);
  return {
    ...accountCalls(transport),
    ...animalCalls(transport),
    ...adopterCalls(transport),
    ...documentCalls(transport),
  };
}

/** Which permission the API requires to move a request into each state; used to show only usable buttons. */
export const permissionToEnter: Record<AdoptionState, string> = {
  submitted: 'adoptions.create',
  under_review: 'adoptions.review',
  withdrawn: 'adoptions.review',
  approved: 'adoptions.decide',
  rejected: 'adoptions.decide',
  completed: 'adoptions.complete',
};
