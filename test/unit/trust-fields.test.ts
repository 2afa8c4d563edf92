import { describe, expect, it } from 'vitest';
import type { DeployConfig, EnvironmentConfig } from '../../src/config/deploy-config.ts';
import { parseDeployConfig } from '../../src/config/parse-deploy-config.ts';
import { trustFieldDifferences, trustFields, withTrustFieldsOf } from '../../src/config/trust-fields.ts';

const herokuBackend = `    backend:
      provider: heroku
      app: shop-api
      seed: npm run seed
      healthcheck: /healthz
      config_vars:
        JWT_SECRET: { from_env: SHOP_JWT_SECRET }
        MODE: production
`;
const commandBackend = '    backend: { provider: command, run: ./deploy.sh }\n';

const main = `environments:
  production:
    branch: main
    on: { tag: "v*" }
    required_contexts: [ci]
    deployers: { permission: maintain, users: [lead], apps: [github-actions] }
    when_locked: refuse
    checks: required
    checks_timeout_minutes: 30
    supersede: true
    hold_after_undo: false
    freeze: [{ schedule: 0 18 * * FRI, duration: 64h }]
${herokuBackend}    frontend:
      provider: s3
      build: npm run build
      bucket: shop-web
      prefix: site/
      endpoint: https://s3.example.test
      region: eu-west-1
notify:
  - slack: { webhook: SHOP_SLACK_URL }
`;

function parse(text: string): DeployConfig {
  const r = parseDeployConfig(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const side = (config: DeployConfig) => ({ config, environment: config.environments.production! });
const differences = (branch: string) => trustFieldDifferences('production', side(parse(main)), side(parse(branch)));

/** One change per trust field, made by a branch's config; each must be named. */
const trustChanges: Record<string, { from: string; to: string; named: string }> = {
  branch: { from: 'branch: main', to: 'branch: release', named: 'environments.production.branch' },
  deployers: { from: 'users: [lead]', to: 'users: [lead, mallory]', named: 'environments.production.deployers' },
  when_locked: { from: 'when_locked: refuse', to: 'when_locked: queue', named: 'environments.production.when_locked' },
  freeze: {
    from: 'freeze: [{ schedule: 0 18 * * FRI, duration: 64h }]',
    to: 'freeze: []',
    named: 'environments.production.freeze',
  },
  // A branch cannot make itself deploy on every push, or widen which tags deploy.
  on: { from: 'on: { tag: "v*" }', to: 'on: push', named: 'environments.production.on' },
  required_contexts: { from: 'required_contexts: [ci]', to: 'required_contexts: []', named: 'environments.production.required_contexts' },
  // A branch cannot stop its own deployment from waiting for CI, or change how long it waits.
  checks: { from: 'checks: required', to: 'checks: none', named: 'environments.production.checks' },
  checks_timeout_minutes: {
    from: 'checks_timeout_minutes: 30',
    to: 'checks_timeout_minutes: 10080',
    named: 'environments.production.checks_timeout_minutes',
  },
  supersede: { from: 'supersede: true', to: 'supersede: false', named: 'environments.production.supersede' },
  hold_after_undo: { from: 'hold_after_undo: false', to: 'hold_after_undo: true', named: 'environments.production.hold_after_undo' },
  'backend.provider': { from: herokuBackend, to: commandBackend, named: 'environments.production.backend.provider' },
  'backend.app': { from: 'app: shop-api', to: 'app: other-team-api', named: 'environments.production.backend.app' },
  'backend.network': {
    from: herokuBackend,
    to: '    backend: { provider: command, run: ./deploy.sh, network: none }\n',
    named: 'environments.production.backend.network',
  },
  'frontend.network': {
    from: 'build: npm run build\n',
    to: 'build: npm run build\n      network: none\n',
    named: 'environments.production.frontend.network',
  },
  'frontend.provider': {
    from: 'provider: s3\n      build: npm run build\n      bucket: shop-web\n      prefix: site/\n      endpoint: https://s3.example.test\n      region: eu-west-1',
    to: 'provider: command\n      run: ./publish.sh',
    named: 'environments.production.frontend.provider',
  },
  'frontend.bucket': { from: 'bucket: shop-web', to: 'bucket: other-team-web', named: 'environments.production.frontend.bucket' },
  'frontend.prefix': { from: 'prefix: site/', to: "prefix: ''", named: 'environments.production.frontend.prefix' },
  'frontend.endpoint': {
    from: 'endpoint: https://s3.example.test',
    to: 'endpoint: http://169.254.169.254',
    named: 'environments.production.frontend.endpoint',
  },
  'frontend.region': { from: 'region: eu-west-1', to: 'region: us-east-1', named: 'environments.production.frontend.region' },
  '**.from_env': {
    from: 'JWT_SECRET: { from_env: SHOP_JWT_SECRET }',
    to: 'JWT_SECRET: { from_env: BILLING_STRIPE_KEY }',
    named: 'environments.production.backend.config_vars.JWT_SECRET.from_env',
  },
};

describe('trust fields', () => {
  it('has a test below for every field in the list', () => {
    expect(Object.keys(trustChanges).sort()).toEqual(trustFields.map((f) => f.path).sort());
  });

  it.each(Object.entries(trustChanges))('a branch that changes %s is named', (_path, change) => {
    expect(main).toContain(change.from);
    expect(differences(main.replace(change.from, change.to))).toContain(change.named);
  });

  it('a from_env a branch adds, or turns into a literal, is named', () => {
    const added = main.replace('MODE: production', 'MODE: production\n        STOLEN: { from_env: OTHER_TEAM_TOKEN }');
    expect(differences(added)).toEqual(['environments.production.backend.config_vars.STOLEN.from_env']);
    const literal = main.replace('JWT_SECRET: { from_env: SHOP_JWT_SECRET }', 'JWT_SECRET: hard-coded');
    expect(differences(literal)).toEqual(['environments.production.backend.config_vars.JWT_SECRET.from_env']);
  });

  it('notify is named when a branch changes it', () => {
    expect(differences(main.replace('SHOP_SLACK_URL', 'OTHER_SLACK_URL'))).toEqual(['notify']);
  });

  it('a branch may change build commands, paths, literal values, the seed and the health check', () => {
    const branch = main
      .replace('seed: npm run seed', 'seed: npm run seed -- --fresh')
      .replace('healthcheck: /healthz', 'healthcheck: /ready')
      .replace('MODE: production', 'MODE: canary')
      .replace('build: npm run build', 'build: npm ci && npm run build\n      output: public')
      .replace('    backend:\n', '    paths: [api/**]\n    backend:\n');
    expect(differences(branch)).toEqual([]);
    // Another environment in the branch's config is none of this one's business.
    expect(
      differences(
        `${branch.replace('notify:', 'notify:')}`.replace(
          'environments:\n',
          'environments:\n  scratch:\n    backend: { provider: command, run: x }\n',
        ),
      ),
    ).toEqual([]);
  });

  it('a rollback or redeploy runs the older commit with every trust field of the default branch', () => {
    const older = parse(
      main
        .replace('app: shop-api', 'app: old-api')
        .replace(
          'JWT_SECRET: { from_env: SHOP_JWT_SECRET }',
          'JWT_SECRET: { from_env: OLD_SECRET }\n        EXTRA: { from_env: OTHER_TOKEN }',
        )
        .replace('seed: npm run seed', 'seed: npm run old-seed')
        .replace('prefix: site/', "prefix: ''"),
    ).environments.production!;
    const mainEnv = parse(main).environments.production!;
    const effective: EnvironmentConfig = withTrustFieldsOf(mainEnv, older);
    expect(effective.backend).toMatchObject({ app: 'shop-api', seed: 'npm run old-seed' });
    expect({ ...(effective.backend as { config_vars: object }).config_vars }).toEqual({
      JWT_SECRET: { from_env: 'SHOP_JWT_SECRET' },
      MODE: 'production',
    });
    expect(effective.frontend).toMatchObject({ bucket: 'shop-web', prefix: 'site/' });
    expect(
      trustFieldDifferences('production', { config: parse(main), environment: mainEnv }, { config: parse(main), environment: effective }),
    ).toEqual([]);
  });

  it('a section whose provider changed since the older commit is taken whole from the default branch', () => {
    const older = parse(main.replace(herokuBackend, commandBackend)).environments.production!;
    const effective = withTrustFieldsOf(parse(main).environments.production!, older);
    expect(effective.backend).toMatchObject({ provider: 'heroku', app: 'shop-api' });
  });
});
