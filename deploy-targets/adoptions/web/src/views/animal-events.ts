import type { AnimalDetail, AnimalEvent, AnimalEventKind } from '../api-client.ts';
import { h } from '../dom.ts';
import { dataTable } from './data-table.ts';
import { selectField, textField, submitForm } from './form-fields.ts';
import type { PageContext } from './page-context.ts';
import { statusLine } from './status-line.ts';

export const eventKinds: AnimalEventKind[] = [
  'vaccination',
  'vet_visit',
  'deworming',
  'sterilization',
  'treatment',
  'arrival',
  'foster',
  'return',
  'other',
];
const kindLabel = (k: string) => k.replace('_', ' ');

/** An animal's history (vaccinations, visits, …) and, for staff, a form to record one more. */
export function animalEventsView(ctx: PageContext, a: AnimalDetail, events: AnimalEvent[]): HTMLElement {
  const { element: message, run } = statusLine(ctx.refresh);
  const kind = selectField(
    'Event',
    'kind',
    eventKinds.map((k) => [k, kindLabel(k)]),
  );
  const day = textField('Date', 'occurredOn', '', { type: 'date', required: '' });
  const description = textField('Notes', 'description');
  const record = submitForm(
    { class: 'inline', id: 'record-event' },
    () => {
      void run(async () => {
        await ctx.api.recordEvent(a.id, {
          kind: kind.select.value as AnimalEventKind,
          occurredOn: day.input.value,
          description: description.input.value,
        });
        return `Recorded ${kindLabel(kind.select.value)} for ${a.name}.`;
      });
    },
    kind.element,
    day.element,
    description.element,
    h('button', { type: 'submit' }, 'Record event'),
  );
  return h(
    'section',
    { class: 'card', id: 'events' },
    h('h3', {}, `Events (${events.length})`),
    ctx.can('animals.write') && record,
    message,
    dataTable(
      ['Date', 'Event', 'Notes', 'By'],
      events.map((e) =>
        h(
          'tr',
          { 'data-event-id': e.id },
          h('td', {}, e.occurredOn),
          h('td', {}, kindLabel(e.kind)),
          h('td', {}, e.description),
          h('td', {}, e.createdByName ?? '—'),
        ),
      ),
    ),
  );
}
