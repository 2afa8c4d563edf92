/** What a step knows of the deployment it runs in. */
export interface DeploymentRef {
  /** Runway's own id (the log page is /deployments/:id). */
  readonly id: number;
  /** GitHub's deployment id. */
  readonly githubId: number;
  readonly owner: string;
  readonly repo: string;
  readonly sha: string;
  readonly ref: string;
  readonly environment: string;
  /** `deploy` or `deploy:rollback`. */
  readonly task: string;
}
