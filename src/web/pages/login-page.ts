import { html } from 'hono/html';
import { layout } from './layout.ts';

const githubLink = (next: string) =>
  html`<p><a class="button" href="/login/github?next=${encodeURIComponent(next)}">Sign in with GitHub</a></p>`;

/** The sign-in page: GitHub (when configured), and the operator's form that trades RUNWAY_ADMIN_TOKEN for a session cookie (never a token in a URL). */
export function loginPage(input: { next: string; problem?: string; enabled: boolean; github?: boolean }) {
  if (!input.enabled) {
    return layout(
      'Sign in',
      html`<h1>Sign in</h1>
        ${input.github ? githubLink(input.next) : ''}
        <p>Token sign-in is off: this Runway has no <code>RUNWAY_ADMIN_TOKEN</code>.</p>`,
    );
  }
  return layout(
    'Sign in',
    html`<h1>Sign in</h1>
      ${input.problem ? html`<p role="alert">${input.problem}</p>` : ''} ${input.github ? githubLink(input.next) : ''}
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

/** What a browser sees on a locked page: sign-in links that come back to the same page. */
export function signInRequiredPage(input: { next: string; github: boolean }) {
  return layout(
    'Sign in required',
    html`<h1>Sign in required</h1>
      ${input.github ? githubLink(input.next) : ''}
      <p><a href="/login/token?next=${encodeURIComponent(input.next)}">Sign in with the operator token</a> to see this page.</p>`,
  );
}

/** A sign-in that did not work: why, and a way to start again. */
export function signInProblemPage(problem: string) {
  return layout(
    'Sign-in failed',
    html`<h1>Sign-in failed</h1>
      <p role="alert">${problem}</p>
      <p><a href="/login/github">Start again</a></p>`,
  );
}
