import { ApiError } from '../api-client.ts';
import { h } from '../dom.ts';

/** What an API refusal says, with the fields it names. */
export const refusalText = (e: ApiError) => [e.message, ...e.fieldErrors.map((f) => `${f.path}: ${f.message}`)].join(' · ');

/**
 * A status line for a form: `run(work)` shows what `work` returns, or the API's refusal in red, and
 * calls `onDone` with that text after a success (which usually redraws the page and shows it there).
 */
export function statusLine(onDone: (message: string) => void) {
  const element = h('p', { role: 'status' });
  async function run(work: () => Promise<string>): Promise<void> {
    element.textContent = '';
    element.className = '';
    try {
      const message = await work();
      element.textContent = message;
      onDone(message);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      element.className = 'error';
      element.textContent = refusalText(e);
    }
  }
  return { element, run };
}
