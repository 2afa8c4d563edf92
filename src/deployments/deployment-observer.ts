import type { DeploymentRecord } from '../store/deployments-store.ts';

export interface DeploymentOutcome {
  state: 'success' | 'failure' | 'error';
  description: string;
  environmentUrl?: string;
  /** What was undone after a failure ("rolled back to v12"). */
  rolledBack: string[];
}

/**
 * Told about a deployment as it moves (chat notifiers, the PR comment). An observer that fails is
 * logged and never fails or stops the deployment.
 */
export interface DeploymentObserver {
  readonly name: string;
  started?(deployment: DeploymentRecord): Promise<void>;
  stepChanged?(deployment: DeploymentRecord): Promise<void>;
  finished?(deployment: DeploymentRecord, outcome: DeploymentOutcome): Promise<void>;
}
