import { html } from 'hono/html';
import { layout } from './layout.ts';

/** The operator's sign-in form: trade RUNWAY_ADMIN_TOKEN for a session cookie (never a token in a URL). */
export function loginPage(input: { next: string; problem?: string; enabled: boolean }) {
  if (!input.enabled) {
    return layout(
      'Sign in',
      html`<h1>Sign in</h1>
        <p>Token sign-in is off: this Runway has no <code>RUNWAY_ADMIN_TOKEN</code>.</p>`,
    );
  }
  return layout(
    'Sign in',
    html`<h1>Sign in</h1>
      ${input.problem ? html`<p role="alert">${input.problem}</p>` : ''}
      <form method="post" action="/login/token">
        <label
          >Operator token (<code>RUNWAY_ADMIN_TOKEN</code>)<br /><input
            type="password"
            name="token"
            autocomplete="current-password"
            required
            autofocus
        /></label>
        <input type="hidden" name="next" value="${input.next}" />
        <button type="submit">Sign in</button>
      </form>`,
  );
}

/** What a browser sees on a locked page: a link to the form that comes back to the same path. */
export function signInRequiredPage(path: string) {
  return layout(
    'Sign in required',
    html`<h1>Sign in required</h1>
      <p><a href="/login/token?next=${encodeURIComponent(path)}">Sign in with the operator token</a> to see this page.</p>`,
  );
}
