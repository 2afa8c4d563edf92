import { randomUUID } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogStream } from './log-stream.ts';
import type { NpmCache } from './npm-cache.ts';
import { baseEnv, runProcess } from './process-runner.ts';
import { BuildError, fetchSource, unpackSource } from './unpack-source.ts';

export interface BuiltSlug {
  id: string;
  dir: string;
}

export interface BuildInput {
  sourceUrl: string;
  checksum: string | null;
  configVars: Record<string, string>;
  /** `source_blob.version`: the build sees it as `SOURCE_VERSION`, as on Heroku. */
  sourceVersion: string | null;
  workDir: string;
  buildId: string;
  npmCache: NpmCache;
  log: LogStream;
}

async function hasFile(dir: string, name: string): Promise<boolean> {
  try {
    await access(join(dir, name));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function step(log: LogStream, dir: string, env: Record<string, string>, command: string): Promise<void> {
  log.line(`       $ ${command}`);
  // Indented as Heroku's buildpack output is; a chunk may end or begin in the middle of a line.
  let atLineStart = true;
  const indent = (text: string): string => {
    const indented = (atLineStart ? '       ' : '') + text.replace(/\n(?!$)/g, '\n       ');
    atLineStart = text.endsWith('\n');
    return indented;
  };
  const proc = runProcess({ command, cwd: dir, env, onOutput: (text) => log.write(indent(text)) });
  const code = await proc.exited;
  if (code !== 0) throw new BuildError(`\`${command}\` exited with status ${code}.`);
}

/** The Node.js buildpack, reduced: fetch, unpack, npm ci (cached by lock hash), npm run build. */
export async function runBuild(input: BuildInput): Promise<{ ok: true; slug: BuiltSlug } | { ok: false; reason: string }> {
  const { log } = input;
  const slug: BuiltSlug = { id: randomUUID(), dir: '' };
  slug.dir = join(input.workDir, 'slugs', slug.id);
  try {
    log.line('-----> Building on the Heroku-24 stack (sandbox)');
    const bytes = await fetchSource(input.sourceUrl, input.checksum, join(input.workDir, 'builds', `${input.buildId}.tgz`));
    log.line(`-----> Fetched source (${bytes} bytes)`);
    await unpackSource(join(input.workDir, 'builds', `${input.buildId}.tgz`), slug.dir);
    if (!(await hasFile(slug.dir, 'Procfile'))) log.line(' !     No Procfile at the root of the source; no processes will run.');
    if (await hasFile(slug.dir, 'package.json')) await installNode(input, slug.dir);
    else log.line('-----> No package.json: nothing to install');
    log.line('-----> Compressing... done (the slug is the built folder)');
    log.line(`-----> Launching... slug ${slug.id}`);
    return { ok: true, slug };
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    log.line(` !     ${error.message}`);
    log.line(' !     Push rejected, failed to compile Node.js app.');
    return { ok: false, reason: error.message };
  }
}

async function installNode(input: BuildInput, dir: string): Promise<void> {
  const { log } = input;
  const env = {
    ...baseEnv(),
    ...input.configVars,
    NODE_ENV: input.configVars.NODE_ENV ?? 'production',
    ...(input.sourceVersion && { SOURCE_VERSION: input.sourceVersion }),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  log.line('-----> Installing dependencies');
  if (await hasFile(dir, 'package-lock.json')) {
    const hash = await input.npmCache.lockHash(dir);
    if (await input.npmCache.restore(hash, dir)) {
      log.line(`       Restored node_modules from the cache (package-lock.json ${hash.slice(0, 12)})`);
    } else {
      await step(log, dir, env, 'npm ci --include=dev');
      await input.npmCache.save(hash, dir);
    }
  } else {
    await step(log, dir, env, 'npm install --include=dev');
  }
  let pkg: { scripts?: Record<string, string> };
  try {
    pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as typeof pkg;
  } catch (error) {
    throw new BuildError(`package.json is not valid JSON (${(error as Error).message}).`);
  }
  if (pkg.scripts?.build) {
    log.line('-----> Build');
    await step(log, dir, env, 'npm run build');
  }
}
