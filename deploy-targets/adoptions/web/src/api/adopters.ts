import { queryString, segment, type Transport } from './http.ts';
import type { Adopter, AdopterFilter, AdoptionRequest, AdoptionState } from './types.ts';

export type AdopterInput = { name: string; email: string; phone?: string | null; address?: string | null; notes?: string };

/** Adopters (search, edit, black list) and their adoption requests. */
export const adopterCalls = ({ call }: Transport) => ({
  /** A string is the search text alone; an object carries every filter. */
  listAdopters: (filter: string | AdopterFilter = {}) =>
    call<{ adopters: Adopter[] }>('GET', `/adopters${queryString(typeof filter === 'string' ? { q: filter } : filter)}`).then(
      (r) => r.adopters,
    ),
  getAdopter: (id: string) => call<{ adopter: Adopter }>('GET', `/adopters/${segment(id)}`).then((r) => r.adopter),
  createAdopter: (input: AdopterInput) => call<{ adopter: Adopter }>('POST', '/adopters', input).then((r) => r.adopter),
  updateAdopter: (id: string, patch: Partial<AdopterInput>) =>
    call<{ adopter: Adopter }>('PATCH', `/adopters/${segment(id)}`, patch).then((r) => r.adopter),
  blackList: (id: string, reason: string) =>
    call<{ adopter: Adopter }>('PUT', `/adopters/${segment(id)}/black-list`, { reason }).then((r) => r.adopter),
  removeFromBlackList: (id: string) => call<{ adopter: Adopter }>('DELETE', `/adopters/${segment(id)}/black-list`).then((r) => r.adopter),

  fileAdoptionRequest: (animalId: string, adopterId: string) =>
    call<{ adoptionRequest: AdoptionRequest }>('POST', '/adoption-requests', { animalId, adopterId }).then((r) => r.adoptionRequest),
  listAdoptionRequests: (state?: AdoptionState) =>
    call<{ adoptionRequests: AdoptionRequest[] }>('GET', `/adoption-requests${queryString({ state })}`).then((r) => r.adoptionRequests),
  moveAdoptionRequest: (id: string, to: AdoptionState, note = '') =>
    call<{ adoptionRequest: AdoptionRequest }>('POST', `/adoption-requests/${segment(id)}/transitions`, { to, note }).then(
      (r) => r.adoptionRequest,
    ),
});
