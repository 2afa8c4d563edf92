import { ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeComment } from '../../sandbox/github/index.ts';
import { engines } from '../support/engines.ts';
import { readPageText } from '../support/read-page.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

// One deployment slot: without a lane of their own, replies and `queued` statuses would wait for it.
const config = `environments:
  hold:
    timeout_minutes: 0.25
    backend: { provider: command, run: "echo holding the slot; sleep 60" }
  stepped:
    step_timeout_minutes: 0.05
    backend: { provider: command, run: "echo a hung step; sleep 60" }
`;
const O = 'acme';
const R = 'lanes';

describe.each(engines)('control lanes and hard time limits, on the %s store', (engine) => {
  let stack: RunwayStack;
  let octokit: InstanceType<typeof ProbotOctokit>;
  beforeAll(async () => {
    stack = await startRunwayStack(engine, { RUNWAY_WORKER_CONCURRENCY: '1', RUNWAY_CONTROL_CONCURRENCY: '1' });
    stack.github.createRepo({ owner: O, name: R, files: { '.github/deploy.yml': config } });
    stack.github.setPermission(O, R, 'writer', 'write');
    octokit = new ProbotOctokit({
      // A writer's own token: the deployments' creator must pass the environment's deployers.
      auth: { token: stack.github.userToken('writer') },
      baseUrl: `${stack.github.url}/api/v3`,
      throttle: { enabled: false },
    });
  });
  afterAll(() => stack?.close());

  const deploy = async (environment: string) =>
    (
      (await octokit.rest.repos.createDeployment({ owner: O, repo: R, ref: 'main', environment, auto_merge: false, required_contexts: [] }))
        .data as { id: number }
    ).id;
  const last = (id: number) =>
    stack.github
      .deployments(O, R)
      .find((d) => d.id === id)
      ?.statuses.at(-1);
  const finalStatus = (id: number) =>
    stack.github.waitFor(() => (['success', 'failure', 'error'].includes(last(id)?.state ?? '') ? last(id) : undefined), {
      what: `deployment ${id} to end`,
      timeoutMs: 60_000,
    });

  it('answers commands and announces deployments while a deployment holds every deployment slot; stops it at timeout_minutes', async () => {
    const { github } = stack;
    const hold = await deploy('hold');
    await github.waitFor(() => last(hold)?.state === 'in_progress', { what: 'the hold deployment in progress', timeoutMs: 30_000 });

    const waiting = await deploy('stepped');
    await github.waitFor(() => last(waiting)?.state === 'queued', { what: 'the second deployment announced', timeoutMs: 30_000 });
    await github.comment(O, R, 1, { user: 'writer', body: '/status hold' });
    const reply = await github.waitFor(() => github.comments(O, R, 1).find((c: FakeComment) => c.user === 'runway[bot]'), {
      what: 'the reply to /status',
      timeoutMs: 30_000,
    });
    expect(reply.body).toContain('hold');
    // Both answers came while the deployment still held the only slot.
    expect(last(hold)?.state).toBe('in_progress');
    expect(last(waiting)?.state).toBe('queued');

    const ended = await finalStatus(hold);
    expect(ended).toMatchObject({
      state: 'failure',
      description: 'backend.command failed: the deployment ran longer than 15 seconds (timeout_minutes) and was stopped',
    });
  });

  it('stops a step at step_timeout_minutes, counted from in_progress and not from the time spent in line', async () => {
    const waiting = stack.github.deployments(O, R).find((d) => d.environment === 'stepped')!.id;
    const ended = await finalStatus(waiting);
    expect(ended).toMatchObject({
      state: 'failure',
      description: 'backend.command failed: backend.command ran longer than 3 seconds (step_timeout_minutes) and was stopped',
    });
    const page = await readPageText(stack.runway.url, '/deployments/2');
    expect(page).toContain('a hung step');
  });
});
