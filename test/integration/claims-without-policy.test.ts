import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeAndAwaitDeployment } from '../support/merge-and-deploy.ts';
import { engines } from '../support/engines.ts';
import { startRunwayStack, type RunwayStack } from '../support/runway-stack.ts';

const config = (backendApp: string, prefix: string) => `environments:
  production:
    backend: { provider: heroku, app: ${backendApp} }
    frontend: { provider: s3, bucket: shared-web, prefix: "${prefix}" }
`;

describe.each(engines)('without a policy file (%s store), first use claims', (engine) => {
  let stack: RunwayStack;
  beforeAll(async () => {
    stack = await startRunwayStack(engine, {}, { policy: false });
    stack.github.createRepo({ owner: 'acme', name: 'first', files: { README: 'first' } });
    stack.github.createRepo({ owner: 'acme', name: 'second', files: { README: 'second' } });
  });
  afterAll(() => stack?.close());

  const deploy = (repo: string, branch: string, text: string) =>
    mergeAndAwaitDeployment(stack.github, {
      owner: 'acme',
      repo,
      branch,
      files: { '.github/deploy.yml': text },
      environment: 'production',
      timeoutMs: 60_000,
    });

  it('refuses a second repository that names a claimed app or an overlapping bucket prefix, and lets the first use them again', async () => {
    // The sandbox stack has no Heroku: the first deployment claims, then fails at its first Heroku step.
    const first = await deploy('first', 'one', config('shared-api', 'first/'));
    expect(first.final.description).not.toContain('claimed by');
    expect(first.final.description).toMatch(/^backend\./);

    const app = await deploy('second', 'app', config('shared-api', 'second/'));
    expect(app.final.state).toBe('failure');
    expect(app.final.description).toMatch(
      /^environments\.production\.backend\.app: Heroku app "shared-api" is claimed by acme\/first \(id \d+\); without RUNWAY_POLICY/,
    );

    const bucket = await deploy('second', 'bucket', config('second-api', ''));
    expect(bucket.final.state).toBe('failure');
    expect(bucket.final.description).toContain(
      'environments.production.frontend.bucket: bucket "shared-web" with prefix "" is claimed by acme/first',
    );

    const again = await deploy('first', 'two', config('shared-api', 'first/'));
    expect(again.final.description).not.toContain('claimed by');
    const claims = await stack.runway.db.query<{ kind: string; name: string; prefix: string; repository: string }>(
      'SELECT kind, name, prefix, repository FROM resource_claims ORDER BY kind, name',
    );
    // The refused deployment of "second" claimed nothing, not even its own second-api.
    expect(claims).toEqual([
      { kind: 'heroku_app', name: 'shared-api', prefix: '', repository: 'acme/first' },
      { kind: 's3_bucket', name: 'shared-web', prefix: 'first/', repository: 'acme/first' },
    ]);
  });
});
