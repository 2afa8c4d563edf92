import { existsSync } from 'node:fs';
import path from 'node:path';
import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeDeployment } from '../../sandbox/github/index.ts';
import { engines } from '../support/engines.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';
import { readPageText } from '../support/read-page.ts';

const O = 'acme';
const R = 'vault';

/** Each step that runs prints a marker line into its deployment's log: "runs nothing" is checked there and in the store. */
const MARKER = 'step-ran-marker';
const config = (changes: { payments?: string; production?: string } = {}) => `environments:
  production:
    branch: main
    deployers: { users: [lead, writer] }
    backend: { provider: command, run: 'echo ${MARKER}; echo "deployed $RUNWAY_SHA"' }
${changes.production ?? ''}  staging:
    branch: develop
    deployers: { apps: [deploy-bot] }
    backend: { provider: command, run: 'echo ${MARKER}' }
  payments:
    branch: payments
    backend:
      provider: heroku
      app: ${changes.payments ?? 'vault-payments'}
`;

describe.each(engines)('who may deploy, on the %s store', (engine) => {
  let stack: RunwayStack;
  beforeAll(async () => {
    stack = await startRunwayStack(engine);
    const { github } = stack;
    github.createRepo({ owner: O, name: R, files: { '.github/deploy.yml': config(), VERSION: 'v1' } });
    github.commit(O, R, { branch: 'develop', files: { VERSION: 'v1-develop' } });
    for (const [user, role] of [
      ['lead', 'admin'],
      ['writer', 'write'],
      ['other', 'write'],
      ['reader', 'read'],
    ] as const)
      github.setPermission(O, R, user, role);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const api = (login: string) =>
    new ProbotOctokit({
      auth: { token: stack.github.userToken(login) },
      baseUrl: `${stack.github.url}/api/v3`,
      throttle: { enabled: false },
    });

  async function createAs(login: string, input: { ref: string; environment: string; task?: string; payload?: object; repo?: string }) {
    const created = await api(login).rest.repos.createDeployment({
      owner: O,
      repo: input.repo ?? R,
      ref: input.ref,
      environment: input.environment,
      task: input.task ?? 'deploy',
      auto_merge: false,
      required_contexts: [],
      ...(input.payload && { payload: input.payload as Record<string, unknown> }),
    });
    return (created.data as { id: number }).id;
  }

  const finished = (id: number, repo = R): Promise<FakeDeployment> =>
    stack.github.waitFor(
      () => {
        const d = stack.github.deployments(O, repo).find((x) => x.id === id);
        return d && ['success', 'failure', 'error'].includes(d.statuses.at(-1)?.state ?? '') ? d : undefined;
      },
      { what: `deployment ${id} to finish`, timeoutMs: 30_000 },
    );

  /** Runway's id of a GitHub deployment and how many steps it ran. */
  async function inStore(githubId: number): Promise<{ id: number; steps: number }> {
    const rows = await stack.runway.db.query<{ id: number; steps: number }>(
      `SELECT d.id, (SELECT count(*)::int FROM deployment_steps s WHERE s.deployment_id = d.id) AS steps
       FROM deployments d WHERE d.github_id = $1`,
      [githubId],
    );
    return { id: Number(rows[0]!.id), steps: Number(rows[0]!.steps) };
  }

  async function expectRanNothing(d: FakeDeployment) {
    const { id, steps } = await inStore(d.id);
    expect(steps).toBe(0);
    expect(await readPageText(stack.runway.url, `/deployments/${id}`)).not.toContain(MARKER);
    // Its source may have been fetched while the checks ran; nothing of it is left once the run ends
    // (the checkout is removed after the final status).
    const checkout = path.join(stack.store.dataDir, 'work', 'checkouts', String(id));
    await vi.waitFor(() => expect(existsSync(checkout)).toBe(false), { timeout: 10_000 });
  }

  async function expectRan(d: FakeDeployment) {
    const { id } = await inStore(d.id);
    expect(await readPageText(stack.runway.url, `/deployments/${id}`)).toContain(MARKER);
  }

  const states = (d: FakeDeployment) => d.statuses.map((s) => s.state);

  it('runs nothing of a deployment created through the API by someone outside deployers, and says why once', async () => {
    const refused = await finished(await createAs('other', { ref: 'main', environment: 'production' }));
    expect(states(refused)).toEqual(['queued', 'in_progress', 'error']);
    expect(refused.statuses.at(-1)!.description).toBe(
      'refused: created by @other, who may not deploy production: only @lead, @writer may do this here',
    );
    await expectRanNothing(refused);

    const allowed = await finished(await createAs('writer', { ref: 'main', environment: 'production' }));
    expect(states(allowed)).toEqual(['queued', 'in_progress', 'success']);
    await expectRan(allowed);
  });

  it('lets a bot deploy only an environment whose deployers.apps lists it', async () => {
    const production = await finished(await createAs('deploy-bot[bot]', { ref: 'main', environment: 'production' }));
    expect(production.statuses.at(-1)).toMatchObject({
      state: 'error',
      description: "refused: created by @deploy-bot[bot], an app that production's deployers.apps does not list",
    });
    await expectRanNothing(production);
    const staging = await finished(await createAs('deploy-bot[bot]', { ref: 'develop', environment: 'staging' }));
    expect(staging.statuses.at(-1)!.state).toBe('success');
    await expectRan(staging);
  });

  it('creates no deployment for a merge by someone or a bot outside deployers, and says why on the pull request', async () => {
    const { github } = stack;
    github.commit(O, R, { branch: 'feature-other', files: { VERSION: 'v2' } });
    const pr = github.openPullRequest(O, R, { head: 'feature-other', user: 'other' });
    const { mergeSha } = await github.mergePullRequest(O, R, pr, { mergedBy: 'other' });
    const comment = await github.waitFor(() => github.comments(O, R, pr).find((c) => c.user === 'runway[bot]'), {
      what: 'the PR comment',
    });
    expect(comment.body).toBe(
      'Runway did not deploy **production**: merged by @other, who may not deploy production: only @lead, @writer may do this here.',
    );
    expect(github.deployments(O, R).filter((d) => d.sha === mergeSha)).toEqual([]);

    // A merge bot is an app: it passes only when deployers.apps lists it.
    github.commit(O, R, { branch: 'feature-bot', files: { VERSION: 'v2-bot' } });
    const botPr = github.openPullRequest(O, R, { head: 'feature-bot', user: 'writer' });
    const merged = await github.mergePullRequest(O, R, botPr, { mergedBy: 'merge-queue[bot]' });
    const botComment = await github.waitFor(() => github.comments(O, R, botPr).find((c) => c.user === 'runway[bot]'), {
      what: 'the PR comment',
    });
    expect(botComment.body).toBe(
      "Runway did not deploy **production**: merged by @merge-queue[bot], an app that production's deployers.apps does not list.",
    );
    expect(github.deployments(O, R).filter((d) => d.sha === merged.mergeSha)).toEqual([]);
  });

  it('believes nothing a payload claims: not the actor, not the issue or comments, not the rollback target', async () => {
    const { github } = stack;
    const first = await finished(await createAs('writer', { ref: 'main', environment: 'production' }));
    const firstId = (await inStore(first.id)).id;
    github.commit(O, R, { branch: 'main', files: { VERSION: 'v3' } });
    const claims = (rollbackTo: number) => ({
      runway: {
        trigger: 'comment',
        actor: 'lead',
        merged_by: 'lead',
        issue: 77,
        pull_request: 77,
        comment_id: 1,
        reply_comment_id: 1,
        rollback_to: rollbackTo,
      },
    });

    // Someone outside deployers who claims to act for @lead is still themselves.
    const forged = await finished(await createAs('other', { ref: 'main', environment: 'production', payload: claims(firstId) }));
    expect(forged.statuses.at(-1)!.description).toMatch(/^refused: created by @other, who may not deploy production/);
    await expectRanNothing(forged);

    // An allowed creator's rollback goes where Runway's records say, not where its payload points.
    const head = github.branchSha(O, R, 'main');
    const rollback = await finished(
      await createAs('writer', { ref: head, environment: 'production', task: 'deploy:rollback', payload: claims(firstId) }),
    );
    expect(rollback.statuses.at(-1)!.state).toBe('success');
    const log = await stack.runway.db.query<{ line: string }>('SELECT line FROM log_lines WHERE deployment_id = $1', [
      (await inStore(rollback.id)).id,
    ]);
    expect(log.map((l) => l.line).join('\n')).toContain(`deployed ${head}`);
    expect(log.map((l) => l.line).join('\n')).not.toContain(`deployed ${first.sha}`);
    // No comment went to the issue the payload named, and the comment it named got no reaction.
    expect(github.comments(O, R, 77)).toEqual([]);
    expect(github.reactions(1)).toEqual([]);
  });

  it('deploys nothing for a merge into a branch only its own config maps to an environment', async () => {
    const { github } = stack;
    const hotfixConfig = `${config()}  hotfix:\n    branch: hotfix\n    backend: { provider: command, run: 'echo ${MARKER}' }\n`;
    github.commit(O, R, {
      branch: 'hotfix',
      files: { '.github/deploy.yml': hotfixConfig.replace('branch: main\n', 'branch: hotfix\n') },
    });
    github.commit(O, R, { branch: 'hotfix-change', files: { VERSION: 'v-hotfix' } });
    const pr = github.openPullRequest(O, R, { head: 'hotfix-change', base: 'hotfix', user: 'writer' });
    const before = await jobsDone();
    const { mergeSha } = await github.mergePullRequest(O, R, pr, { mergedBy: 'lead' });
    await github.waitFor(async () => (await jobsDone()) > before, { what: 'the merge to be handled' });
    expect(github.deployments(O, R).filter((d) => d.sha === mergeSha)).toEqual([]);
  });

  async function jobsDone(): Promise<number> {
    const rows = await stack.runway.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE kind = 'create_deployments' AND state IN ('done', 'failed')`,
    );
    return Number(rows[0]!.n);
  }

  it('fails a deployment whose branch changes a trust field before any step, naming the field', async () => {
    const { github } = stack;
    github.commit(O, R, { branch: 'payments', files: { '.github/deploy.yml': config({ payments: 'other-team-api' }) } });
    const before = github.deployments(O, R).length;
    await github.comment(O, R, 900, { user: 'writer', body: '/deploy payments to payments' });
    const created = await github.waitFor(() => github.deployments(O, R)[before], { what: 'the deployment' });
    const refused = await finished(created.id);
    expect(states(refused)).toEqual(['queued', 'in_progress', 'error']);
    expect(refused.statuses.at(-1)!.description).toBe("refused: environments.payments.backend.app differs from main's; change it on main");
    expect((await inStore(refused.id)).steps).toBe(0);
    // Widening deployers on a branch is refused the same way, even for someone the branch would let in.
    github.commit(O, R, {
      branch: 'open-doors',
      files: { '.github/deploy.yml': config().replace('users: [lead, writer]', 'users: [lead, writer, other]') },
    });
    const widened = await finished(await createAs('other', { ref: 'open-doors', environment: 'production' }));
    expect(widened.statuses.at(-1)!.description).toBe("refused: environments.production.deployers differs from main's; change it on main");
    await expectRanNothing(widened);
  });

  it('refuses a deployment id of another repository in a command', async () => {
    const { github } = stack;
    github.createRepo({ owner: O, name: 'elsewhere', files: { '.github/deploy.yml': config() } });
    github.setPermission(O, 'elsewhere', 'writer', 'write');
    const foreign = await finished(await createAs('writer', { ref: 'main', environment: 'production', repo: 'elsewhere' }), 'elsewhere');
    expect(foreign.statuses.at(-1)!.state).toBe('success');
    const before = github.deployments(O, R).length;
    for (const id of [foreign.id, (await inStore(foreign.id)).id]) {
      await github.comment(O, R, 901, { user: 'writer', body: `/rollback production to ${id}` });
      const reply = await github.waitFor(
        () => github.comments(O, R, 901).find((c) => c.user === 'runway[bot]' && c.body.includes(`deployment ${id}`)),
        { what: 'the reply' },
      );
      expect(reply.body).toBe(`Nothing to roll back to: Runway has no successful deployment of deployment ${id} on **production**.`);
    }
    expect(github.deployments(O, R)).toHaveLength(before);
  });
});
