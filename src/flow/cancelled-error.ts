import { DeployError } from '../deployments/errors.ts';

/** `/cancel` stopped the deployment; `undo: false` (`--no-undo`) leaves the completed steps as they are. */
export class CancelledError extends DeployError {
  readonly reason = 'cancelled';
  readonly state = 'error';
  constructor(
    readonly actor: string,
    readonly undo: boolean,
  ) {
    super(`cancelled by @${actor}`);
  }
}
