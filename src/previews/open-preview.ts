import { authorizeCause } from '../deployments/authorize-cause.ts';
import { createRunwayDeployment } from '../deployments/create-runway-deployment.ts';
import { loadDefaultBranchConfig } from '../deployments/load-environment-config.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { resourcesUsed } from '../policy/config-resources.ts';
import { enqueueJob } from '../store/job-queue.ts';
import {
  approvePreviewSha,
  beginPreview,
  forgetPreviewApp,
  getPreview,
  markPreviewAlive,
  markPreviewGone,
  recordPreviewApp,
  type PreviewPlace,
  type PreviewRecord,
} from '../store/previews-store.ts';
import { createPreviewApp, deletePreviewApp, provisionAddons } from './preview-app.ts';
import { refusedBody, writePreviewComment } from './preview-comment.ts';
import { previewEnvironment } from './preview-environment.ts';
import { previewEnvironmentName, previewNames } from './preview-names.ts';
import type { PreviewRequest } from './preview-request.ts';
import { herokuAccess, type PreviewServices } from './preview-services.ts';
import { asksForPreview } from './preview-trigger.ts';

const DAY_MS = 86_400_000;

/** How a preview request ended; `refused` reasons are also the PR comment. */
export type OpenOutcome = { kind: 'ignored'; why: string } | { kind: 'refused'; reason: string } | { kind: 'deploying'; created: boolean };

/**
 * Creates or updates the preview of a pull request: decides whether it gets one (trigger, fork
 * rule, deployers, policy, cap), creates its Heroku app and add-ons the first time (recording the
 * app's id), then creates a GitHub Deployment `pr-<number>` (transient) for the head commit, which
 * the normal deployment.created path runs. A refusal is a PR comment; nothing is left half-created.
 */
export async function openPreview(services: PreviewServices, request: PreviewRequest): Promise<OpenOutcome> {
  const github = await services.github(request.installationId);
  const repo = { owner: request.owner, repo: request.repo };
  const pull = { ...repo, pullNumber: request.pullNumber, installationId: request.installationId };
  const environment = previewEnvironmentName(request.pullNumber);
  const explicit = request.action === 'command' || request.action === 'labeled';
  const refuse = async (reason: string): Promise<OpenOutcome> => {
    await writePreviewComment(services, github, pull, refusedBody(reason));
    return { kind: 'refused', reason };
  };

  const { repository, loaded } = await loadDefaultBranchConfig(github, repo);
  const previews = loaded.state === 'valid' ? loaded.config.previews : undefined;
  if (loaded.state !== 'valid' || !previews) {
    const why = 'the default branch has no valid `previews:` in .github/deploy.yml';
    return request.action === 'command' ? refuse(why) : { kind: 'ignored', why };
  }
  if (services.resources.mode !== 'policy') {
    const why = "previews need the operator's policy (RUNWAY_POLICY), which bounds their app names and prefixes";
    return explicit ? refuse(why) : { kind: 'ignored', why };
  }
  let existing = await getPreview(services.db, pull);
  const open = existing !== undefined && existing.state !== 'gone';
  if (existing?.state === 'tearing_down') return { kind: 'ignored', why: 'the preview is being torn down' };
  if (!asksForPreview(previews, request, open && existing?.state === 'alive')) return { kind: 'ignored', why: 'not asked for' };

  const pr = (await github.rest.pulls.get({ ...repo, pull_number: request.pullNumber })).data;
  if (pr.state !== 'open') return { kind: 'ignored', why: 'the pull request is closed' };
  const headSha = pr.head.sha;
  const fork = pr.head.repo?.full_name !== pr.base.repo.full_name;

  // Who the preview runs for: the sender, or for a fork the maintainer who approved this very commit.
  let actor = { login: request.actor, type: request.actorType };
  if (fork && !previews.forks && request.action !== 'command') {
    if (existing?.approvedSha !== headSha || !existing.approvedBy) {
      const before = existing?.approvedSha ? ` (${existing.approvedSha.slice(0, 7)} was approved; ${headSha.slice(0, 7)} was not)` : '';
      return refuse(
        `this pull request comes from a fork, and a fork's commit gets a preview only when a maintainer comments \`/preview\` on it${before}`,
      );
    }
    actor = { login: existing.approvedBy, type: 'User' };
  }
  const allowed = await authorizeCause(github, {
    ...repo,
    environment,
    cause: { kind: 'preview', login: actor.login, type: actor.type },
    deployers: previews.deployers,
  });
  if (!allowed.ok) return refuse(allowed.reason);
  if (fork && !previews.forks && request.action === 'command') {
    await approvePreviewSha(services.db, pull, { sha: headSha, by: actor.login });
    existing = await getPreview(services.db, pull);
  }

  const from = loaded.config.environments[previews.from];
  const fromApp = from?.backend?.provider === 'heroku' ? from.backend.app : request.repo;
  const names = previewNames(previews, { app: fromApp, number: request.pullNumber, repo: request.repo });
  if (!names.ok) return refuse(names.reason);
  const target = {
    appName: names.app,
    bucket: names.bucket,
    prefix: names.prefix,
    endpoint: previews.frontend?.endpoint ?? null,
    region: previews.frontend?.region ?? null,
    siteUrl: names.siteUrl,
  };
  const built = previewEnvironment(loaded.config, undefined, target);
  if (!built.ok) return refuse(built.reason);
  const quiet = { line: () => undefined };
  const admitted = await services.resources.admit({
    repo: repository,
    uses: resourcesUsed(loaded.config, environment, built.environment),
    log: quiet,
    dryRun: true,
  });
  if (!admitted.ok) return refuse(`the operator's policy does not allow it: ${admitted.refusals.join('; ')}`);

  let created = false;
  if (!open || existing?.state === 'creating') {
    const started = await startPreview(services, pull, target, existing, {
      expiresAt: new Date(Date.now() + previews.ttl_days * DAY_MS),
      cap: previews.max_alive,
      addons: built.environment.backend ? previews.backend.addons : [],
      needsApp: built.environment.backend !== undefined,
    });
    if (!started.ok) return refuse(started.reason);
    created = true;
  }
  await markPreviewAlive(services.db, pull, headSha);
  const deployment = await createPreviewDeployment(services, github, { ...pull, environment, headSha, actor });
  if (!deployment.ok) return refuse(deployment.reason);
  await enqueuePreviewComment(services, pull);
  return { kind: 'deploying', created };
}

/** The preview's row, its Heroku app (id recorded at once) and add-ons; on any refusal, nothing is left. */
async function startPreview(
  services: PreviewServices,
  pull: { owner: string; repo: string; pullNumber: number; installationId: number },
  target: PreviewPlace,
  existing: PreviewRecord | undefined,
  options: { expiresAt: Date; cap: number; addons: readonly string[]; needsApp: boolean },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const heroku = herokuAccess(services);
  if (existing?.state === 'creating') {
    // A job that stopped half-way: the app it recorded is Runway's, so it starts again from nothing.
    if (existing.appId) await deletePreviewApp(heroku, existing.appId, existing.appName ?? target.appName);
    await forgetPreviewApp(services.db, pull);
    await markPreviewGone(services.db, pull, 'restarted');
  }
  const begun = await beginPreview(services.db, { ...pull, ...target, expiresAt: options.expiresAt, cap: options.cap });
  if (!begun.ok)
    return {
      ok: false,
      reason: `this repository has ${begun.open} preview${begun.open === 1 ? '' : 's'} alive, the most \`previews.max_alive\` allows (${options.cap}); one must close or expire first`,
    };
  await services.db.transaction((tx) =>
    enqueueJob(tx, { kind: 'preview_expiry', key: `preview-expiry:${pull.owner}/${pull.repo}#${pull.pullNumber}`, payload: pull }),
  );
  if (!options.needsApp) return { ok: true };
  const app = await createPreviewApp(heroku, target.appName).catch(async (error: unknown) => {
    await markPreviewGone(services.db, pull, 'app not created');
    throw error;
  });
  if (!app.ok) {
    await markPreviewGone(services.db, pull, app.message);
    return { ok: false, reason: app.reason === 'taken' ? `${app.message}: Runway never takes over an app` : app.message };
  }
  await recordPreviewApp(services.db, pull, app.id);
  const problem = await provisionAddons(heroku, app.id, target.appName, options.addons);
  if (problem) {
    await deletePreviewApp(heroku, app.id, target.appName);
    await forgetPreviewApp(services.db, pull);
    await markPreviewGone(services.db, pull, problem);
    return { ok: false, reason: `${problem} (the app created for it was deleted)` };
  }
  return { ok: true };
}

async function createPreviewDeployment(
  services: PreviewServices,
  github: GitHubClient,
  input: {
    owner: string;
    repo: string;
    pullNumber: number;
    environment: string;
    headSha: string;
    actor: { login: string; type: 'User' | 'Bot' };
  },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const created = await createRunwayDeployment(
    services.db,
    github,
    {
      owner: input.owner,
      repo: input.repo,
      ref: input.headSha,
      environment: input.environment,
      task: 'deploy',
      requiredContexts: [],
      productionEnvironment: false,
      payload: { runway: { trigger: 'preview', pull_request: input.pullNumber } },
      description: `Preview of #${input.pullNumber}`,
      transientEnvironment: true,
    },
    {
      trigger: 'preview',
      purpose: 'deploy',
      actor: input.actor.login,
      actorType: input.actor.type,
      // The preview keeps one comment of its own (preview-comment.ts), not one per deployment.
      issueNumber: null,
      commandCommentId: null,
      replyCommentId: null,
      rollbackTo: null,
    },
  );
  return created.ok ? { ok: true } : { ok: false, reason: `GitHub did not create the deployment: ${created.message}` };
}

/** Asks for the preview comment to be brought up to date (a durable job, one line per pull request). */
export async function enqueuePreviewComment(
  services: Pick<PreviewServices, 'db' | 'wake'>,
  pull: { owner: string; repo: string; pullNumber: number; installationId: number },
): Promise<void> {
  await services.db.transaction((tx) =>
    enqueueJob(tx, { kind: 'preview_comment', key: `preview-comment:${pull.owner}/${pull.repo}#${pull.pullNumber}`, payload: pull }),
  );
  services.wake();
}
