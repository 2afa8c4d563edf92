import { stat } from 'node:fs/promises';
import { resolveInCheckout } from '../../deployments/checkout-path.ts';
import { ConfigError } from '../../deployments/errors.ts';
import type { Step, StepContext, StepOutcome } from '../../deployments/step.ts';
import { buildSchema, sourceSchema } from './api-schemas.ts';
import { findCurrentRelease } from './current-release.ts';
import { openHerokuSession, seg } from './session.ts';
import { archiveSource } from './source-archive.ts';
import type { HerokuStepInput } from './step-input.ts';
import { uploadBlob } from './upload-blob.ts';

/** Uploads the app's folder at the deployment's SHA through the Sources API and starts a build of it. */
export class SourceStep implements Step {
  readonly name: string;

  constructor(private readonly input: HerokuStepInput) {
    this.name = `${input.side}.source`;
  }

  describe(): string {
    const { app, path } = this.input.config;
    return `upload ${path === '.' ? 'the repository root' : path} as a tarball and start a build on Heroku app ${app}`;
  }

  async run(ctx: StepContext): Promise<StepOutcome> {
    const { app, path } = this.input.config;
    const heroku = openHerokuSession(ctx, this.input.deps, app);
    const dir = await resolveInCheckout(ctx, path, `${this.input.side}.path`);
    const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info?.isDirectory()) throw new ConfigError(`backend path ${path} is not a folder at ${ctx.deployment.sha.slice(0, 7)}`);

    // Packing, asking for an upload URL and noting the live release do not wait for each other. The
    // live release is read before the build exists: once that has released, "current" names it.
    const [archive, source, liveBefore] = await Promise.all([
      archiveSource(dir),
      heroku.platform.post('/sources', sourceSchema),
      findCurrentRelease(heroku.platform, app),
    ]);
    ctx.log.line(`packed ${path} (${archive.entries} entries, ${kib(archive.bytes.length)}, sha256 ${archive.sha256.slice(0, 12)})`);
    await uploadBlob(source.source_blob.put_url, archive.bytes, ctx.signal);
    ctx.log.line('uploaded the source archive');
    this.input.state.liveBefore = liveBefore;
    const build = await heroku.platform.post(`/apps/${seg(app)}/builds`, buildSchema, {
      body: {
        source_blob: { url: source.source_blob.get_url, version: ctx.deployment.sha, checksum: `SHA256:${archive.sha256}` },
      },
    });
    this.input.state.build = build;
    const before = this.input.state.liveBefore ? `; v${this.input.state.liveBefore.version} is live` : '';
    ctx.log.line(`build ${build.id} started on ${app}${before}`);
    return {};
  }
}

function kib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
