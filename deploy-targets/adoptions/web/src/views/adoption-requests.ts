import { ApiError, permissionToEnter, type AdoptionRequest, type AdoptionState, type ApiClient } from '../api-client.ts';
import { h } from '../dom.ts';

const label: Record<AdoptionState, string> = {
  submitted: 'Submitted',
  under_review: 'Start review',
  approved: 'Approve',
  rejected: 'Reject',
  withdrawn: 'Withdraw',
  completed: 'Complete',
};

/** Requests with one button per move the signed-in role may make; the API still decides. */
export function adoptionRequestsView(
  api: ApiClient,
  requests: AdoptionRequest[],
  permissions: string[],
  onChanged: () => void,
): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const move = async (request: AdoptionRequest, to: AdoptionState) => {
    error.textContent = '';
    try {
      await api.moveAdoptionRequest(request.id, to);
      onChanged();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      error.textContent = `Request ${request.id}: ${e.message}`;
    }
  };
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Adoption requests (${requests.length})`),
    error,
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Animal'), h('th', {}, 'Adopter'), h('th', {}, 'State'), h('th', {}, 'Move'))),
      h(
        'tbody',
        {},
        ...requests.map((r) =>
          h(
            'tr',
            { 'data-request-id': r.id },
            h('td', {}, r.id),
            h('td', {}, r.animalName),
            h('td', {}, r.adopterName),
            h('td', {}, h('span', { class: `badge ${r.state}` }, r.state.replace('_', ' '))),
            h(
              'td',
              {},
              ...r.nextStates
                .filter((to) => permissions.includes(permissionToEnter[to]))
                .map((to) => h('button', { type: 'button', 'data-to': to, onclick: () => void move(r, to) }, label[to])),
            ),
          ),
        ),
      ),
    ),
  );
}
