import { describe, expect, it } from 'vitest';
import { formatConfigProblems, parseDeployConfig } from '../../src/config/parse-deploy-config.ts';

const problems = (text: string) => {
  const r = parseDeployConfig(text);
  if (r.ok) throw new Error('expected problems');
  return formatConfigProblems(r.problems).split('\n');
};

describe('parseDeployConfig', () => {
  it('fills in the defaults of a minimal config', () => {
    const r = parseDeployConfig('environments:\n  prod:\n    backend: { provider: command, run: ./deploy.sh }\n');
    expect(r.ok && r.config.environments.prod).toMatchObject({
      required_contexts: [],
      when_locked: 'queue',
      deployers: { permission: 'write' },
      backend: { provider: 'command', run: './deploy.sh', path: '.', timeout_seconds: 1800, env: {} },
    });
  });

  it('names the field, line and column of each problem', () => {
    expect(
      problems(`environments:
  production:
    branch: main
    backend:
      provider: heroku
      app: Bad_Name
      colour: blue
  staging:
    branch: dev
notify:
  - slack: { webhook: lowercase }
`),
    ).toEqual([
      '.github/deploy.yml:6:12 environments.production.backend.app: must be a Heroku app name',
      '.github/deploy.yml:7:7 environments.production.backend: unknown field "colour"',
      '.github/deploy.yml:9:5 environments.staging: needs a backend, a frontend, or both',
      '.github/deploy.yml:11:23 notify.0.slack.webhook: must be the NAME of a server environment variable',
    ]);
  });

  it('rejects paths that leave the repository', () => {
    expect(problems('environments:\n  p:\n    backend: { provider: heroku, app: my-app, path: ../secrets }\n')).toEqual([
      '.github/deploy.yml:3:53 environments.p.backend.path: must be a path inside the repository',
    ]);
  });

  it('reports YAML syntax errors once per line, with a hint for ${{ }} in a flow map', () => {
    const lines = problems('environments:\n  p:\n    frontend: { provider: s3, bucket: b, env: { URL: ${{ backend.url }} } }\n');
    expect(lines[0]).toMatch(/^\.github\/deploy\.yml:3:\d+ .*inside \{ … \} a \$\{\{ … \}\} value must be quoted/);
    expect(new Set(lines.map((l) => l.split(' ')[0]!.split(':')[1])).size).toBe(lines.length);
  });

  it('accepts a quoted ${{ }} value in a flow map', () => {
    const r = parseDeployConfig('environments:\n  p:\n    frontend: { provider: s3, bucket: bkt, env: { URL: "${{ backend.url }}" } }\n');
    expect(r.ok && r.config.environments.p!.frontend).toMatchObject({ env: { URL: '${{ backend.url }}' } });
  });
});

describe("Runway's own settings in a repository config", () => {
  it('refuses to send them to an app or use them for chat', () => {
    expect(
      problems(`environments:
  p:
    backend:
      provider: heroku
      app: my-app
      config_vars:
        LEAK: { from_env: PRIVATE_KEY }
        ALSO: { from_env: RUNWAY_DATA_DIR }
        FINE: { from_env: MY_APP_SECRET }
notify:
  - webhook: { url: HOOK_URL, secret: HEROKU_API_TOKEN }
`),
    ).toEqual([
      ".github/deploy.yml:7:27 environments.p.backend.config_vars.LEAK.from_env: names one of Runway's own settings, which are never sent anywhere",
      ".github/deploy.yml:8:27 environments.p.backend.config_vars.ALSO.from_env: names one of Runway's own settings, which are never sent anywhere",
      ".github/deploy.yml:11:39 notify.0.webhook.secret: names one of Runway's own settings, which are never sent anywhere",
    ]);
  });
});
