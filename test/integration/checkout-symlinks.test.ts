import { mkdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { list } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import { archiveSource } from '../../src/providers/heroku/source-archive.ts';
import { s3Provider } from '../../src/providers/s3/index.ts';
import { fakeSha, s3StepContext } from '../support/s3-step-context.ts';
import { readBucket, s3Config, s3Deps, sandboxClient, tempRoot } from '../support/s3-site.ts';

describe('config paths and symbolic links', () => {
  let root: string;
  let server: S3Server;
  /** A file outside every checkout that no deployment may pack or upload. */
  let secretFile: string;

  beforeAll(async () => {
    root = await tempRoot('checkout-symlinks');
    server = await startS3Server({ directory: join(root, 's3rver'), buckets: ['site'] });
    secretFile = join(root, 'host-secret.txt');
    await writeFile(secretFile, 'host secret');
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  /** Runs the S3 provider's steps on a checkout that `prepare` fills first (as a repository's tarball would). */
  async function deploy(
    label: string,
    config: Record<string, unknown>,
    prepare: (source: string) => Promise<void> = async () => undefined,
  ) {
    const sha = fakeSha(label);
    const source = join(root, label, 'checkout');
    await mkdir(source, { recursive: true });
    await prepare(source);
    const { ctx } = s3StepContext({ sourceDir: source, sha });
    server.clearRequestLog();
    const section = s3Config({ bucket: 'site', endpoint: server.endpoint, force_path_style: true, ...config });
    for (const step of s3Provider.steps(section, s3Deps(join(root, label, 'work')), 'frontend')) await step.run(ctx);
    return source;
  }

  it('fails the build step on an output that leads out of the checkout through a chain of links, and uploads nothing', async () => {
    const attempt = deploy('chain', { build: 'ln -s .. a && ln -s a/.. b', output: 'b' });
    await expect(attempt).rejects.toThrow('environments.production.frontend.output: b leads out of the checkout (through a symbolic link)');
    expect(server.requestLog.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
  });

  it('fails on a path that is a link out of the checkout before running the build there', async () => {
    const attempt = deploy('path-link', { path: 'app', build: 'touch ran', output: '.' }, (source) => symlink('..', join(source, 'app')));
    await expect(attempt).rejects.toThrow('environments.production.frontend.path: app leads out of the checkout');
    await expect(stat(join(root, 'path-link', 'ran'))).rejects.toThrow('ENOENT');
  });

  it('uploads only the regular files of an output: links to files or folders outside are left out', async () => {
    const source = await deploy('links-inside', { output: 'dist' }, async (dir) => {
      await mkdir(join(dir, 'dist'));
      await writeFile(join(dir, 'dist', 'index.html'), '<p>site</p>');
      await symlink(secretFile, join(dir, 'dist', 'leak.txt'));
      await symlink(root, join(dir, 'dist', 'host'));
    });
    const keys = [...(await readBucket(sandboxClient(server.endpoint), 'site')).keys()].filter((k) => !k.startsWith('.runway/'));
    expect(keys).toEqual(['index.html']);
    expect(await readlink(join(source, 'dist', 'leak.txt'))).toBe(secretFile);
  });

  it('packs only regular files and folders into the Heroku source archive', async () => {
    const app = join(root, 'heroku-app');
    await mkdir(join(app, 'lib'), { recursive: true });
    await writeFile(join(app, 'Procfile'), 'web: node server.js\n');
    await writeFile(join(app, 'lib', 'server.js'), 'console.log(1)\n');
    await symlink(secretFile, join(app, 'lib', 'leak.txt'));
    await symlink('..', join(app, 'up'));
    const archive = await archiveSource(app);
    const names: string[] = [];
    const types: string[] = [];
    const file = join(root, 'source.tgz');
    await writeFile(file, archive.bytes);
    await list({ file, onReadEntry: (entry) => void (names.push(entry.path), types.push(entry.type)) });
    expect(names.sort()).toEqual(['Procfile', 'lib/', 'lib/server.js']);
    expect(new Set(types)).toEqual(new Set(['File', 'Directory']));
  });
});
