import type { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { html } from 'hono/html';
import type { Command } from '../../chatops/command.ts';
import type { CommandServices } from '../../chatops/command-context.ts';
import { runCommand } from '../../chatops/execute-command.ts';
import { loadRepositoryConfig } from '../../deployments/load-environment-config.ts';
import { notifierSecrets } from '../../notifiers/notify-observer.ts';
import type { Queryable } from '../../store/database.ts';
import { deployedRepositories } from '../../store/environments-overview.ts';
import type { GitHubSignInOptions, WebEnv } from '../access/identify-caller.ts';
import type { RepositoryAccessCheck } from '../access/repository-access.ts';
import { layout } from '../pages/layout.ts';
import { replyHtml } from '../pages/reply-html.ts';
import { csrfMatches } from './csrf-token.ts';
import { webCommandContext } from './web-command-context.ts';

/** Paths under which signed-in GitHub users may POST (everything else stays read-only). */
export const ACTION_PATH_PREFIX = '/environments/';

/** The actions a page offers, each the comment command of the same name. */
export const PAGE_ACTIONS = ['lock', 'unlock', 'redeploy', 'rollback'] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

/** The command a page action runs, as a comment would have asked for it. */
function commandOf(action: PageAction, environment: string, reason: string | undefined): Command {
  switch (action) {
    case 'lock':
      return { kind: 'lock', environment, reason };
    case 'unlock':
      return { kind: 'unlock', environment };
    case 'redeploy':
      return { kind: 'redeploy', environment, dryRun: false };
    case 'rollback':
      return { kind: 'rollback', environment, dryRun: false };
  }
}

const answerPage = (title: string, body: ReturnType<typeof replyHtml> | string, historyPath?: string) =>
  layout(
    title,
    html`<h1>${title}</h1>
      ${typeof body === 'string' ? html`<p role="status">${body}</p>` : body}
      <p>
        <a href="/">Back to the environments</a>${historyPath ? html` · <a href="${historyPath}">History of this environment</a>` : ''}
      </p>`,
  );

/**
 * Lock, unlock, redeploy and roll back from the pages: POST forms with the session's CSRF token,
 * from Runway's own origin, by a signed-in GitHub user. They run the comment commands themselves
 * (`runCommand`) with the config of the default branch, so the permission checks are the
 * commands' own, against the repository and environment in the path; the answer reads like the
 * comment reply. The operator token cannot act.
 */
export function addActionRoutes(
  app: Hono<WebEnv>,
  deps: { db: Queryable; canSee: RepositoryAccessCheck; signIn: GitHubSignInOptions; services: CommandServices; publicOrigin?: string },
): void {
  const sameOrigin = csrf({ origin: (origin, c) => origin === deps.publicOrigin || origin === new URL(c.req.url).origin });
  app.post(`${ACTION_PATH_PREFIX}:owner/:repo/:environment/:action{${PAGE_ACTIONS.join('|')}}`, sameOrigin, async (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'user')
      return c.html(answerPage('Refused', 'Actions need a GitHub sign-in; the operator token is read-only.'), 403);
    const form = await c.req.parseBody();
    if (!csrfMatches(deps.signIn.sessionSecret, caller.sessionId, form.csrf))
      return c.html(answerPage('Refused', 'This form is stale or did not come from Runway; reload the page and try again.'), 403);
    const { owner, repo, environment } = c.req.param();
    const action = c.req.param('action') as PageAction;
    const known = (await deployedRepositories(deps.db)).find((r) => r.owner === owner && r.repo === repo);
    if (!known || !(await deps.canSee(caller, known)).read) return c.text('Not found\n', 404);
    const github = await deps.signIn.github(known.installationId);
    const defaultBranch = (await github.rest.repos.get({ owner, repo })).data.default_branch;
    const loaded = await loadRepositoryConfig(github, { owner, repo, ref: defaultBranch });
    if (loaded.state !== 'valid')
      return c.html(answerPage('Refused', `.github/deploy.yml on ${defaultBranch} is ${loaded.state}; Runway cannot act.`), 422);
    const reason = typeof form.reason === 'string' && form.reason.trim() !== '' ? form.reason.trim().slice(0, 200) : undefined;
    const command = commandOf(action, environment, reason);
    // As for a comment: the notifiers' URLs and secrets are secrets in the answer too.
    const redactor = deps.services.redactor.child(notifierSecrets(loaded.config.notify, deps.services.providerDeps.serverEnv));
    try {
      const { ctx, replies } = webCommandContext({
        repository: { installationId: known.installationId, owner, repo, defaultBranch },
        actor: caller.login,
        body: `/${action} ${environment}${reason ? ` ${reason}` : ''}`,
        github,
        services: { ...deps.services, redactor },
        config: loaded.config,
      });
      const answer = await runCommand(ctx, command);
      const text = redactor.redact([...replies, answer.reply ?? ''].filter(Boolean).join('\n\n'));
      const deploys = action === 'redeploy' || action === 'rollback';
      const history = deploys
        ? `/history?repository=${encodeURIComponent(`${owner}/${repo}`)}&environment=${encodeURIComponent(environment)}`
        : undefined;
      const title = answer.ok ? (deploys ? 'Requested' : 'Done') : 'Not done';
      return c.html(answerPage(title, replyHtml(text), history), answer.ok ? 200 : 403);
    } finally {
      redactor.close();
    }
  });
}
