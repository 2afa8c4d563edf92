import { html } from 'hono/html';
import { layout } from '../web/pages/layout.ts';
import type { SetupOutcome } from './setup-outcome.ts';

/** The page that registers the App: a form that POSTs the manifest to GitHub, for a user or an organisation. */
export function registerPage(input: { manifest: string; action: string; org: string | undefined; selfUrl: string }) {
  return layout(
    'Set up',
    html`<main>
      <h1>Register Runway as a GitHub App</h1>
      <p>
        GitHub will show you the App it is about to create from <code>app.yml</code> (webhook, permissions, events) and send you back here.
        Runway then stores its id, key and secrets and tells you how to install it.
      </p>
      <form method="post" action="${input.action}">
        <input type="hidden" name="manifest" value="${input.manifest}" />
        <button id="register" type="submit">
          Register the App ${input.org ? html`for the organisation <strong>${input.org}</strong>` : 'for my account'}
        </button>
      </form>
      <form method="get" action="${input.selfUrl}">
        <label>For an organisation instead: <input name="org" value="${input.org ?? ''}" pattern="[A-Za-z0-9-]{1,39}" /></label>
        <button type="submit">Use this organisation</button>
      </form>
    </main>`,
  );
}

/** What happened after GitHub sent the browser back. Never shows the key or the secrets. */
export function outcomePage(outcome: SetupOutcome) {
  switch (outcome.kind) {
    case 'stored':
      return layout(
        'App registered',
        html`<main>
          <h1>Registered ${outcome.app.name}</h1>
          <p>
            App id ${outcome.app.settings.APP_ID}. Its key, webhook secret and OAuth client are in <code>${outcome.file}</code> (mode 0600).
          </p>
          <ol>
            <li><a id="install" href="${outcome.app.htmlUrl}/installations/new">Install the App</a> on the repositories Runway deploys.</li>
            <li>This setup has ended. Start Runway with <code>npm start</code>: it reads <code>${outcome.file}</code>.</li>
          </ol>
        </main>`,
      );
    case 'not-stored':
      return layout(
        'App registered, settings not stored',
        html`<main>
          <h1>Registered ${outcome.app.name}, but its settings are not stored</h1>
          <p>${outcome.why}</p>
          <p>
            The settings (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET) were printed in the terminal where
            <code>npm run setup</code> runs, not here. Put them in Runway's environment, or in that file with mode 0600, then
            <a href="${outcome.app.htmlUrl}/installations/new">install the App</a> and run <code>npm start</code>.
          </p>
        </main>`,
      );
    case 'refused':
      return layout(
        'Code refused',
        html`<main>
          <h1>GitHub refused the code</h1>
          <p>
            The code in this link was used already, has expired (an hour) or was never issued (GitHub answered ${outcome.status}). Nothing
            was written. Open the setup URL printed by <code>npm run setup</code> again to register.
          </p>
        </main>`,
      );
    case 'unreachable':
      return layout(
        'GitHub did not answer',
        html`<main>
          <h1>GitHub did not answer</h1>
          <p>${outcome.message}. Nothing was written; try again from the setup URL.</p>
        </main>`,
      );
  }
}
