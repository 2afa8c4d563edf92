import type { DeploymentServices } from '../deployments/run-deployment.ts';

/** What the deploy flow (waits, holds, superseding, cancel) uses from the server. */
export type FlowServices = Pick<
  DeploymentServices,
  'db' | 'github' | 'redactor' | 'log' | 'logUrl' | 'observers' | 'clock' | 'checksPollSeconds'
>;
