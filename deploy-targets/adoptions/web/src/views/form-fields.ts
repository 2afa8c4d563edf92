import { h } from '../dom.ts';

/** A text input with its label; `value` pre-fills it. */
export function textField(label: string, name: string, value = '', attrs: Record<string, string> = {}) {
  const input = h('input', { name, value, ...attrs });
  return { input, element: h('label', {}, label, input) };
}

/** A select with its label; `choices` are [value, text] pairs, `value` the one selected. */
export function selectField(label: string, name: string, choices: [string, string][], value = '') {
  const select = h(
    'select',
    { name },
    ...choices.map(([v, text]) => h('option', { value: v, ...(v === value ? { selected: '' } : {}) }, text)),
  );
  return { select, element: h('label', {}, label, select) };
}

/** `undefined` for an empty field, so that a PATCH or a filter leaves it out. */
export const filled = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

type FormProps = Record<string, string>;
type FormChild = Parameters<typeof h>[2];

/** A form whose submit runs `onSubmit` instead of navigating. */
export function submitForm(props: FormProps, onSubmit: () => void, ...children: FormChild[]): HTMLFormElement {
  return h(
    'form',
    {
      ...props,
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        onSubmit();
      },
    },
    ...children,
  );
}
