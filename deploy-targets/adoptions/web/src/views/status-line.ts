import { ApiError } from '../api-client.ts';
import { h } from '../dom.ts';

/** What an API refusal says, with the fields it names. */
export const refusalText = (e: ApiError) => [e.message, ...e.fieldErrors.map((f) => `${f.path}: ${f.message}`)].join(' · ');

/**
 * A status line for a form: `run(work)` shows what `work` returns, or the API's refusal in red, and
 * calls `onDone` after a success (which usually redraws the page).
 */
export function statusLine(onDone: () => void) {
  const element = h('p', { role: 'status' });
  async function run(work: () => Promise<string>): Promise<void> {
    element.textContent = '';
    element.className = '';
    try {
      element.textContent = await work();
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      element.className = 'error';
      element.textContent = refusalText(e);
    }
  }
  return { element, run };
}
