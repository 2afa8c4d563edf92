import type { DeploymentServices } from '../deployments/run-deployment.ts';
import type { Retention } from '../store/purge-expired.ts';
import type { JobHandlers } from '../worker/job-handler.ts';
import { announceJob } from './announce-job.ts';
import { checkWaitJob } from './check-wait-job.ts';
import { commandJob } from './command-job.ts';
import { createDeploymentsJob } from './create-deployments-job.ts';
import { lateCommentJob } from './late-comment-job.ts';
import { lockExpiryJob } from './lock-expiry-job.ts';
import { prCommentJob } from './pr-comment-job.ts';
import { previewCommentJob } from './preview-comment-job.ts';
import { previewExpiryJob } from './preview-expiry-job.ts';
import { previewJob } from './preview-job.ts';
import { previewTeardownJob } from './preview-teardown-job.ts';
import { purgeJob } from './purge-job.ts';
import { reportStatusJob } from './report-status-job.ts';
import { runJob } from './run-job.ts';
import { triggerDeploymentsJob } from './trigger-deployments-job.ts';

/** Job kind → handler. */
export function jobHandlers(
  services: DeploymentServices,
  options: { retention: Retention; commentMaxAgeSeconds: number; wake: () => void },
): JobHandlers {
  const previews = { ...services, wake: options.wake };
  return {
    create_deployments: createDeploymentsJob(services),
    trigger_deployments: triggerDeploymentsJob({ ...services, log: services.log.child({ name: 'triggers' }) }),
    announce: announceJob(services),
    run: runJob(services),
    report_status: reportStatusJob(services),
    command: commandJob(services),
    late_comment: lateCommentJob({ github: services.github, commentMaxAgeSeconds: options.commentMaxAgeSeconds }),
    pr_comment: prCommentJob(services),
    check_wait: checkWaitJob(services),
    preview: previewJob(previews),
    preview_teardown: previewTeardownJob(previews),
    preview_expiry: previewExpiryJob(previews),
    preview_comment: previewCommentJob(previews),
    purge: purgeJob({ db: services.db, log: services.log.child({ name: 'purge' }), retention: options.retention }),
    lock_expiry: lockExpiryJob({ ...services, serverEnv: services.providerDeps.serverEnv, log: services.log.child({ name: 'locks' }) }),
  };
}
