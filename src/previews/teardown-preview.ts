import { siteFolder } from '../artifacts/artifact-location.ts';
import { postDeploymentStatus } from '../github/deployments-api.ts';
import { fetchRepositoryIdentity } from '../policy/repository-identity.ts';
import { listDeployments, moveDeployment } from '../store/deployments-store.ts';
import { beginTeardown, forgetPreviewApp, getPreview, markPreviewGone } from '../store/previews-store.ts';
import { deletePreviewApp } from './preview-app.ts';
import { goneBody, writePreviewComment } from './preview-comment.ts';
import { previewEnvironmentName } from './preview-names.ts';
import type { TeardownRequest } from './preview-request.ts';
import { herokuAccess, type PreviewServices } from './preview-services.ts';

/**
 * Tears a preview down: deletes its Heroku app by the id Runway recorded (the add-ons go with it),
 * every object under its prefix, Runway's own files of it in the artifact store (manifests, the
 * sync record, kept builds: a reopened pull request starts from nothing), marks its deployments
 * inactive and edits the comment. Each part can run again: a teardown stopped at any point (a
 * SIGKILL) is finished by the job's next attempt.
 */
export async function teardownPreview(
  services: PreviewServices & { logUrl: (id: number) => string },
  request: TeardownRequest,
  signal: AbortSignal,
): Promise<'torn_down' | 'nothing'> {
  const pull = { owner: request.owner, repo: request.repo, pullNumber: request.pullNumber };
  const preview = await getPreview(services.db, pull);
  if (!preview || preview.state === 'gone') return 'nothing';
  await beginTeardown(services.db, pull, request.reason);
  services.log.info({ preview: pull, reason: request.reason }, 'tearing down a preview');
  if (preview.appId) {
    await deletePreviewApp(herokuAccess(services), preview.appId, preview.appName ?? preview.appId);
    await forgetPreviewApp(services.db, pull);
  }
  const github = await services.github(preview.installationId);
  if (preview.bucket && preview.prefix) {
    const repository = await fetchRepositoryIdentity(github, pull);
    // Loaded here: it brings the AWS SDK (~25 MiB), which a Runway that tears no S3 preview down does not need.
    const { removePreviewSite } = await import('./remove-preview-site.ts');
    await removePreviewSite(
      services.providerDeps,
      { ...preview, bucket: preview.bucket, prefix: preview.prefix },
      services.resources.networkAllowFor(repository),
      signal,
    );
  }
  const environment = previewEnvironmentName(pull.pullNumber);
  const { artifacts } = services.providerDeps;
  await artifacts.delete(await artifacts.list(siteFolder({ ...pull, environment })));
  for (const d of await listDeployments(services.db, { ...pull, environment, limit: 1000 })) {
    if (d.state !== 'success' && d.state !== 'inactive') continue;
    await moveDeployment(services.db, d.id, 'inactive');
    await postDeploymentStatus(github, {
      ...pull,
      deploymentId: d.githubId,
      state: 'inactive',
      description: `preview torn down (${request.reason})`,
      logUrl: services.logUrl(d.id),
    });
  }
  const note = (await getPreview(services.db, pull))?.note ?? request.reason;
  await markPreviewGone(services.db, pull);
  await writePreviewComment(services, github, { ...pull, installationId: preview.installationId }, goneBody(note));
  return 'torn_down';
}
