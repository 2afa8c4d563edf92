import type { DeploymentRef } from '../../src/deployments/deployment-ref.ts';
import type { StepContext } from '../../src/deployments/step.ts';

/** A real StepContext for tests: what steps log and register is kept for assertions. */
export interface TestStepContext extends StepContext {
  /** Every log line, unredacted, in order. */
  readonly lines: string[];
  /** Every value passed to `secret()`. */
  readonly secrets: string[];
  readonly outputs: Map<string, string>;
  readonly controller: AbortController;
}

export interface StepContextOptions {
  /** Folder that `source.dir()` returns (the checkout's root). */
  sourceDir: string;
  deployment?: Partial<DeploymentRef>;
  /** Also print each line, prefixed, while debugging a test. */
  echo?: boolean;
}

export function makeStepContext(options: StepContextOptions): TestStepContext {
  const lines: string[] = [];
  const secrets: string[] = [];
  const controller = new AbortController();
  const deployment: DeploymentRef = {
    id: 1,
    githubId: 1001,
    owner: 'octo-org',
    repo: 'runway-fixtures',
    sha: '0123456789abcdef0123456789abcdef01234567',
    ref: 'main',
    environment: 'production',
    task: 'deploy',
    ...options.deployment,
  };
  return {
    deployment,
    lines,
    secrets,
    controller,
    outputs: new Map(),
    signal: controller.signal,
    log: {
      line(text: string) {
        lines.push(text);
        if (options.echo) console.log(`  | ${text}`);
      },
    },
    source: { dir: async () => options.sourceDir },
    // The sandbox's Heroku and S3 stand-ins listen on loopback, which a policy must open.
    network: ['127.0.0.0/8'],
    secret(value: string) {
      secrets.push(value);
    },
  };
}
