import type { DeploymentRef } from '../../src/deployments/deployment-ref.ts';
import type { StepContext } from '../../src/deployments/step.ts';

export interface TestStepContext {
  readonly ctx: StepContext;
  /** Every line the step logged, in order. */
  readonly lines: string[];
  readonly secrets: string[];
  readonly abort: AbortController;
}

/** A StepContext over a real folder (the "checkout") that records the log, for the S3 provider tests. */
export function s3StepContext(options: {
  sourceDir: string;
  sha: string;
  outputs?: Record<string, string>;
  deployment?: Partial<DeploymentRef>;
}): TestStepContext {
  const lines: string[] = [];
  const secrets: string[] = [];
  const abort = new AbortController();
  const deployment: DeploymentRef = {
    id: 1,
    githubId: 1001,
    owner: 'acme',
    repo: 'shop',
    ref: 'main',
    environment: 'production',
    task: 'deploy',
    ...options.deployment,
    sha: options.sha,
  };
  const ctx: StepContext = {
    deployment,
    log: { line: (text) => lines.push(text) },
    outputs: new Map(Object.entries(options.outputs ?? {})),
    source: { dir: async () => options.sourceDir },
    signal: abort.signal,
    secret: (value) => secrets.push(value),
    // The sandbox's S3 server listens on loopback, which a policy must open.
    network: ['127.0.0.0/8'],
  };
  return { ctx, lines, secrets, abort };
}

/** A 40-hex-digit commit id made from a short label, so test SHAs are readable and distinct. */
export function fakeSha(label: string): string {
  return Buffer.from(label).toString('hex').padEnd(40, '0').slice(0, 40);
}
