import { permissionToEnter, type AdoptionRequest, type AdoptionState } from '../api-client.ts';
import { h } from '../dom.ts';
import { dataTable } from './data-table.ts';
import { routeHash } from '../router.ts';
import { exportButtons } from './export-buttons.ts';
import { selectField } from './form-fields.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

const label: Record<AdoptionState, string> = {
  submitted: 'Submitted',
  under_review: 'Start review',
  approved: 'Approve',
  rejected: 'Reject',
  withdrawn: 'Withdraw',
  completed: 'Complete',
};
const states = Object.keys(label) as AdoptionState[];

/** Requests, filtered by state, with one button per move the signed-in role may make; the API still decides. */
export async function adoptionRequestsPage(ctx: PageContext, state: AdoptionState | undefined): Promise<HTMLElement> {
  const requests = await ctx.api.listAdoptionRequests(state);
  const { element: message, run } = statusLine(ctx.refresh);
  const move = (request: AdoptionRequest, to: AdoptionState) =>
    void run(async () => `Request ${(await ctx.api.moveAdoptionRequest(request.id, to)).id} is ${to.replace('_', ' ')}.`);
  const filter = selectField(
    'State',
    'state',
    [['', 'any'], ...states.map((s): [string, string] => [s, s.replace('_', ' ')])],
    state ?? '',
  );
  filter.select.addEventListener('change', () =>
    ctx.go({ page: 'requests', state: (filter.select.value || undefined) as AdoptionState | undefined }),
  );
  return h(
    'section',
    { class: 'card', id: 'requests' },
    h('h2', {}, `Adoption requests (${requests.length})`),
    h('form', { class: 'inline', role: 'search', onsubmit: (e) => e.preventDefault() }, filter.element),
    exportButtons(ctx, 'adoption-requests', { state }),
    message,
    dataTable(
      ['#', 'Animal', 'Adopter', 'State', 'Move'],
      requests.map((r) =>
        h(
          'tr',
          { 'data-request-id': r.id },
          h('td', {}, r.id),
          h('td', {}, h('a', { href: routeHash({ page: 'animal', id: r.animalId }) }, r.animalName)),
          h('td', {}, h('a', { href: routeHash({ page: 'adopter', id: r.adopterId }) }, r.adopterName)),
          h('td', {}, h('span', { class: `badge ${r.state}` }, r.state.replace('_', ' '))),
          h(
            'td',
            {},
            ...r.nextStates
              .filter((to) => ctx.can(permissionToEnter[to]))
              .map((to) => h('button', { type: 'button', 'data-to': to, onclick: () => move(r, to) }, label[to])),
          ),
        ),
      ),
    ),
  );
}
