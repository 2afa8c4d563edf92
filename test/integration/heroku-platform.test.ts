import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer, text } from 'node:stream/consumers';
import { promisify } from 'node:util';
import type { Build, Dyno, Release, Source } from '@heroku-cli/schema';
import Heroku from 'heroku-client';
import type { HerokuHttpError } from 'heroku-client';
import pg from 'pg';
import { c as createTar } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHerokuPlatform, type HerokuPlatform } from '../../sandbox/heroku/index.ts';

const exec = promisify(execFile);
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const fixtures = new URL('../../fixtures/heroku-apps/', import.meta.url).pathname;
const marker = '\uFFFF heroku-command-exit-status';

let platform: HerokuPlatform;
let heroku: Heroku;
let workDir: string;
let cacheDir: string;
const token = `sandbox-${randomBytes(8).toString('hex')}`;
const appName = `hp-test-${randomBytes(3).toString('hex')}`;
const scratchDb = `heroku_restore_${randomBytes(4).toString('hex')}`;
const releases: Record<string, Release> = {};

const get = <T>(path: string) => heroku.request<T>({ method: 'GET', path });
const post = <T>(path: string, body: unknown) => heroku.request<T>({ method: 'POST', path, body });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function tarball(fixture: string): Promise<Buffer> {
  return buffer(createTar({ gzip: true, cwd: join(fixtures, fixture), portable: true }, ['.']));
}

/** Upload, build (reading the whole build log while it streams), then wait for the release. */
async function deploy(fixture: string): Promise<{ build: Build; buildLog: string; release: Release; releaseLog: string }> {
  const source = await post<Source>('/sources', {});
  const put = await fetch(source.source_blob?.put_url ?? '', { method: 'PUT', body: new Uint8Array(await tarball(fixture)) });
  expect(put.status).toBe(200);
  const started = await post<Build>(`/apps/${appName}/builds`, { source_blob: { url: source.source_blob?.get_url, version: fixture } });
  expect(started.status).toBe('pending');
  const buildLog = await (await fetch(started.output_stream_url ?? '')).text();
  const build = await until(
    () => get<Build>(`/apps/${appName}/builds/${started.id}`),
    (b) => b.status !== 'pending',
    'the build',
  );
  const releaseId = build.release?.id;
  if (!releaseId) return { build, buildLog, release: {}, releaseLog: '' };
  const first = await get<Release>(`/apps/${appName}/releases/${releaseId}`);
  const releaseLog = first.output_stream_url ? await (await fetch(first.output_stream_url)).text() : '';
  const release = await until(
    () => get<Release>(`/apps/${appName}/releases/${releaseId}`),
    (r) => r.status !== 'pending',
    'the release',
  );
  return { build, buildLog, release, releaseLog };
}

async function page(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(new URL(path, platform.app(appName).webUrl));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function query(sql: string, database = platform.app(appName).databaseUrl): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'heroku-platform-'));
  cacheDir = await mkdtemp(join(tmpdir(), 'heroku-platform-cache-'));
  platform = await startHerokuPlatform({ token, workDir, cacheDir, adminDatabaseUrl: adminUrl });
  heroku = new Heroku({ token, host: platform.url });
  await platform.createApp(appName, { configVars: { GREETING: 'hello', API_SECRET: 'very-secret-value-123' } });
});

afterAll(async () => {
  await platform?.close();
  await query(`DROP DATABASE IF EXISTS "${scratchDb}" WITH (FORCE)`, adminUrl);
  await rm(workDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

describe('Heroku sandbox platform over heroku-client', () => {
  it('serves an app with a web_url of its own and its config vars', async () => {
    const app = await get<{ name: string; web_url: string }>(`/apps/${appName}`);
    expect(app.name).toBe(appName);
    expect(app.web_url).toBe(platform.app(appName).webUrl);
    const config = await get<Record<string, string>>(`/apps/${appName}/config-vars`);
    expect(config.GREETING).toBe('hello');
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\//);
  });

  it('builds v1 while streaming the log, runs the migration and makes v1 current', async () => {
    const v1 = await deploy('good-v1');
    expect(v1.build.status).toBe('succeeded');
    expect(v1.buildLog).toContain('npm ci');
    expect(v1.release.status).toBe('succeeded');
    expect(v1.release.current).toBe(true);
    expect(v1.releaseLog).toContain('CREATE TABLE');
    releases.v1 = v1.release;
    expect(await page('/')).toEqual({ status: 200, body: { version: 'v1' } });
    expect((await page('/version')).body).toMatchObject({ version: 'v1', migrated: 'v1' });
    // Range resumes the build log at a byte offset.
    const resumed = await fetch(v1.build.output_stream_url ?? '', { headers: { Range: 'bytes=10-' } });
    expect(resumed.status).toBe(206);
    expect(await resumed.text()).toBe(v1.buildLog.slice(10));
  });

  it('deploys v2 behind the same web_url, with its build script run', async () => {
    const before = platform.app(appName).webUrl;
    // Requests keep going to web_url during the whole deploy: the switch must drop none.
    const answers: string[] = [];
    let deploying = true;
    const traffic = (async () => {
      while (deploying) {
        const res = await fetch(before);
        answers.push(`${res.status} ${((await res.json()) as { version: string }).version}`);
      }
    })();
    const v2 = await deploy('good-v2').finally(() => {
      deploying = false;
    });
    await traffic;
    expect(new Set(answers)).toEqual(new Set(['200 v1', '200 v2']));
    expect(answers.indexOf('200 v1')).toBeLessThan(answers.indexOf('200 v2'));
    expect(v2.buildLog).toContain('npm run build');
    expect(v2.release.status).toBe('succeeded');
    releases.v2 = v2.release;
    expect(platform.app(appName).webUrl).toBe(before);
    expect((await page('/version')).body).toMatchObject({ version: 'v2', migrated: 'v2', built: { builtBy: 'npm run build' } });
  });

  it('keeps v2 serving when the release phase of the next release fails', async () => {
    const broken = await deploy('migration-fails');
    expect(broken.build.status).toBe('succeeded');
    expect(broken.release.status).toBe('failed');
    expect(broken.release.current).toBe(false);
    expect(broken.releaseLog).toContain('relation "runway_fixture_missing_table" does not exist');
    expect((await page('/')).body).toEqual({ version: 'v2' });
    expect(platform.app(appName).currentRelease?.id).toBe(releases.v2?.id);
    expect(await query(`SELECT to_regclass('runway_fixture_never_created') AS t`)).toEqual([{ t: null }]);
    const list = await heroku.request<Release[]>({
      method: 'GET',
      path: `/apps/${appName}/releases`,
      headers: { Range: 'version ..; order=desc, max=2' },
      partial: true,
    });
    expect(list.map((r) => r.id)).toEqual([broken.release.id, releases.v2?.id]);
  });

  it('rolls back to v1 with a new release that reruns the release phase', async () => {
    const rollback = await post<Release>(`/apps/${appName}/releases`, { release: releases.v1?.id });
    expect(rollback.description).toBe(`Rollback to v${releases.v1?.version}`);
    expect(rollback.output_stream_url).toBeTruthy();
    const done = await until(
      () => get<Release>(`/apps/${appName}/releases/${rollback.id}`),
      (r) => r.status !== 'pending',
      'the rollback',
    );
    expect(done).toMatchObject({ status: 'succeeded', current: true, slug: releases.v1?.slug });
    expect((await page('/')).body).toEqual({ version: 'v1' });
    const dynos = await get<Dyno[]>(`/apps/${appName}/dynos`);
    expect(dynos.map((d) => [d.name, d.state, d.release?.version])).toEqual([['web.1', 'up', done.version]]);
  });

  it('restores node_modules from the cache when the same lock is built again', async () => {
    const again = await deploy('good-v1');
    expect(again.buildLog).toContain('Restored node_modules from the cache');
    expect(again.buildLog).not.toContain('$ npm ci');
  });

  it('runs an attached one-off dyno whose output carries the exit-status marker', async () => {
    const command = `node -e "console.log('greeting=' + process.env.GREETING); process.exit(3)"; echo "${marker}: $?"`;
    const dyno = await post<Dyno>(`/apps/${appName}/dynos`, { command, attach: true });
    expect(dyno).toMatchObject({ state: 'starting', name: expect.stringMatching(/^run\.\d+$/) });
    const url = new URL(dyno.attach_url ?? '');
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.write(`${url.pathname.slice(1)}\r\n`);
    const output = await text(socket);
    expect(output).toBe(`rendezvous\r\ngreeting=hello\n${marker}: 3\n`);
  });

  it('runs a detached one-off dyno whose output and status are read from a log session', async () => {
    const command = `node -e "console.log('secret=' + process.env.API_SECRET); process.exit(4)"; echo "${marker}: $?"`;
    const dyno = await post<Dyno>(`/apps/${appName}/dynos`, { command, attach: false });
    expect(dyno.attach_url).toBeNull();
    const session = await post<{ logplex_url: string }>(`/apps/${appName}/log-sessions`, {
      dyno: dyno.name,
      source: 'app',
      tail: true,
      lines: 1500,
    });
    const res = await fetch(session.logplex_url);
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    while (reader && !seen.includes(marker)) seen += (await reader.read()).value ?? '';
    await reader?.cancel();
    expect(seen).toContain(`app[${dyno.name}]: secret=[REDACTED]`);
    expect(seen).toMatch(new RegExp(`app\\[${(dyno.name ?? '').replace('.', '\\.')}\\]: ${marker}: 4\\n`));
  });

  it('captures a backup through the data API that pg_restore can restore', async () => {
    const [addon] = await get<{ id: string; addon_service: { name: string } }[]>(`/apps/${appName}/addons`);
    expect(addon?.addon_service.name).toBe('heroku-postgresql');
    const data = new Heroku({ token, host: platform.dataApiUrl });
    const started = await data.request<{ num: number; uuid: string }>({
      method: 'POST',
      path: `/client/v11/databases/${addon?.id}/backups`,
    });
    const finished = await until(
      () =>
        data.request<{ finished_at: string | null; succeeded: boolean }>({
          method: 'GET',
          path: `/client/v11/databases/${addon?.id}/backups/${started.num}`,
        }),
      (t) => t.finished_at !== null,
      'the backup',
    );
    expect(finished.succeeded).toBe(true);
    const backup = platform.app(appName).backups.find((b) => b.id === String(started.num));
    expect(backup && existsSync(backup.file)).toBe(true);
    await query(`CREATE DATABASE "${scratchDb}"`, adminUrl);
    await exec('pg_restore', ['--no-owner', '-d', `postgres://postgres@127.0.0.1:5432/${scratchDb}`, backup?.file ?? '']);
    const rows = await query(
      'SELECT version, name FROM runway_fixture_schema ORDER BY version',
      `postgres://postgres@127.0.0.1:5432/${scratchDb}`,
    );
    expect(rows).toEqual([
      { version: 1, name: 'v1' },
      { version: 2, name: 'v2' },
    ]);
  });

  it('serves the health-check and seed fixtures as they promise', async () => {
    const unhealthy = await deploy('healthcheck-fails');
    expect(unhealthy.release.status).toBe('succeeded');
    expect(await page('/healthz')).toEqual({ status: 500, body: { version: 'healthcheck-fails', ok: false } });
    const seeding = await deploy('seed-fails');
    expect(seeding.release.status).toBe('succeeded');
    const dyno = await post<Dyno>(`/apps/${appName}/dynos`, { command: `npm run --silent seed; echo "${marker}: $?"`, attach: true });
    const url = new URL(dyno.attach_url ?? '');
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.write(`${url.pathname.slice(1)}\r\n`);
    const output = await text(socket);
    expect(output).toContain('seed: refusing to seed');
    expect(output).toContain(`${marker}: 1\n`);
  });

  it('keeps config var values out of every log it writes', async () => {
    const { stdout } = await exec('grep', ['-rl', 'very-secret-value-123', workDir]).catch((error: { code?: number; stdout: string }) => {
      if (error.code === 1) return { stdout: '' };
      throw error;
    });
    expect(stdout).toBe('');
    expect(await readFile(join(workDir, 'logs', 'apps', `${appName}.log`), 'utf8')).toContain('secret=[REDACTED]');
  });

  it('answers 401 for a wrong token and 404 for an unknown app, as Heroku does', async () => {
    const wrong = new Heroku({ token: 'not-the-token', host: platform.url });
    await expect(wrong.request({ method: 'GET', path: `/apps/${appName}` })).rejects.toMatchObject({
      statusCode: 401,
      body: { id: 'unauthorized', message: 'Invalid credentials provided.' },
    });
    await expect(get('/apps/no-such-app-here')).rejects.toMatchObject({
      statusCode: 404,
      body: { id: 'not_found', message: "Couldn't find that app." },
    });
    const bearer = await fetch(`${platform.url}/apps/${appName}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(200);
  });

  it('gives injected answers first and then behaves normally', async () => {
    platform.failNext('GET', new RegExp(`^/apps/${appName}$`), [
      { status: 503, body: { id: 'unavailable', message: 'try later' }, headers: { 'Retry-After': '1' } },
      { status: 503, headers: { 'Retry-After': '2' } },
    ]);
    const first = await fetch(`${platform.url}/apps/${appName}`, { headers: { Authorization: `Bearer ${token}` } });
    expect([first.status, first.headers.get('retry-after'), await first.json()]).toEqual([
      503,
      '1',
      { id: 'unavailable', message: 'try later' },
    ]);
    const second: HerokuHttpError = await get(`/apps/${appName}`).then(
      () => new Error('no error'),
      (error: HerokuHttpError) => error,
    );
    expect(second.statusCode).toBe(503);
    expect((await get<{ name: string }>(`/apps/${appName}`)).name).toBe(appName);
    expect(
      platform.requestLog
        .filter((r) => r.path === `/apps/${appName}`)
        .slice(-3)
        .map((r) => r.status),
    ).toEqual([503, 503, 200]);
  });
});
