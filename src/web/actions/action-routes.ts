import type { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { html } from 'hono/html';
import type { CommandServices } from '../../chatops/command-context.ts';
import { lockCommand, unlockCommand } from '../../chatops/lock-command.ts';
import { loadRepositoryConfig } from '../../deployments/load-environment-config.ts';
import type { Queryable } from '../../store/database.ts';
import { deployedRepositories } from '../../store/environments-overview.ts';
import type { GitHubSignInOptions, WebEnv } from '../access/identify-caller.ts';
import type { RepositoryAccessCheck } from '../access/repository-access.ts';
import { layout } from '../pages/layout.ts';
import { csrfMatches } from './csrf-token.ts';
import { webCommandContext } from './web-command-context.ts';

/** Paths under which signed-in GitHub users may POST (everything else stays read-only). */
export const ACTION_PATH_PREFIX = '/environments/';

const answerPage = (title: string, body: string) =>
  layout(
    title,
    html`<h1>${title}</h1>
      <p role="status">${body}</p>
      <p><a href="/">Back to the environments</a></p>`,
  );

/**
 * Lock and unlock from the pages: POST forms with the session's CSRF token, from Runway's own
 * origin, by a signed-in GitHub user. They run the same functions as `/lock` and `/unlock` in a
 * comment, with the config of the default branch, so the permission checks are the comment
 * commands' own; the answer reads like the comment reply. The operator token cannot act.
 */
export function addActionRoutes(
  app: Hono<WebEnv>,
  deps: { db: Queryable; canSee: RepositoryAccessCheck; signIn: GitHubSignInOptions; services: CommandServices; publicOrigin?: string },
): void {
  const sameOrigin = csrf({ origin: (origin, c) => origin === deps.publicOrigin || origin === new URL(c.req.url).origin });
  app.post(`${ACTION_PATH_PREFIX}:owner/:repo/:environment/:action{lock|unlock}`, sameOrigin, async (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'user')
      return c.html(answerPage('Refused', 'Actions need a GitHub sign-in; the operator token is read-only.'), 403);
    const form = await c.req.parseBody();
    if (!csrfMatches(deps.signIn.sessionSecret, caller.sessionId, form.csrf))
      return c.html(answerPage('Refused', 'This form is stale or did not come from Runway; reload the page and try again.'), 403);
    const { owner, repo, environment, action } = c.req.param();
    const known = (await deployedRepositories(deps.db)).find((r) => r.owner === owner && r.repo === repo);
    if (!known || !(await deps.canSee(caller, known)).read) return c.text('Not found\n', 404);
    const github = await deps.signIn.github(known.installationId);
    const defaultBranch = (await github.rest.repos.get({ owner, repo })).data.default_branch;
    const loaded = await loadRepositoryConfig(github, { owner, repo, ref: defaultBranch });
    if (loaded.state !== 'valid')
      return c.html(answerPage('Refused', `.github/deploy.yml on ${defaultBranch} is ${loaded.state}; Runway cannot act.`), 422);
    const reason = typeof form.reason === 'string' && form.reason.trim() !== '' ? form.reason.trim().slice(0, 200) : undefined;
    const { ctx, replies } = webCommandContext({
      repository: { installationId: known.installationId, owner, repo, defaultBranch },
      actor: caller.login,
      body: `/${action} ${environment}${reason ? ` ${reason}` : ''}`,
      github,
      services: deps.services,
      config: loaded.config,
    });
    const answer =
      action === 'lock'
        ? await lockCommand(ctx, { kind: 'lock', environment, reason })
        : await unlockCommand(ctx, { kind: 'unlock', environment });
    const text = [...replies, answer.reply ?? ''].filter(Boolean).join('\n');
    return c.html(answerPage(answer.ok ? 'Done' : 'Refused', deps.services.redactor.redact(text)), answer.ok ? 200 : 403);
  });
}
