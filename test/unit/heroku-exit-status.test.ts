import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readExitStatus, withExitStatus } from '../../src/providers/heroku/exit-status.ts';
import { LastLines, LineSplitter } from '../../src/providers/heroku/line-splitter.ts';

const exec = promisify(execFile);

/** Runs the wrapped command in bash, as a dyno does, and reads the status back from its output. */
async function statusOf(command: string): Promise<{ status?: number; output: string[] }> {
  // A command that calls `exit` ends bash before the marker: execFile rejects, with the output.
  const { stdout } = await exec('bash', ['-c', withExitStatus(command)]).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  const output: string[] = [];
  let status: number | undefined;
  const lines = new LineSplitter((line) => {
    const exit = readExitStatus(line);
    if (exit) {
      status = exit.status;
      if (exit.before) output.push(exit.before);
    } else output.push(line);
  });
  lines.push(Buffer.from(stdout));
  lines.flush();
  return { status, output };
}

describe('exit status marker', () => {
  it('reads the status of a real shell command, keeping its output', async () => {
    expect(await statusOf('echo seeded')).toEqual({ status: 0, output: ['seeded'] });
    // As with `heroku run --exit-code`: no marker, so the seed step fails with "ended without an exit status".
    expect(await statusOf('echo nope; exit 3')).toEqual({ status: undefined, output: ['nope'] });
    expect(await statusOf('echo failing; false')).toEqual({ status: 1, output: ['failing'] });
    expect(await statusOf('printf "no newline"')).toEqual({ status: 0, output: ['no newline'] });
  });

  it('reads the older marker without a colon, and ignores look-alikes', () => {
    expect(readExitStatus('\uFFFF heroku-command-exit-status 7')).toEqual({ before: '', status: 7 });
    expect(readExitStatus('heroku-command-exit-status: 0')).toBeUndefined();
    expect(readExitStatus('\uFFFF heroku-command-exit-status: soon')).toBeUndefined();
  });
});

describe('LastLines', () => {
  it('quotes the error line rather than the platform line after it', () => {
    const tail = new LastLines(5);
    for (const line of [
      'CREATE TABLE',
      'psql:migrate.sql:4: ERROR:  relation "x" does not exist',
      'Release command exited with status 3',
      '',
    ])
      tail.add(line);
    expect(tail.telling()).toBe('psql:migrate.sql:4: ERROR:  relation "x" does not exist');
    expect(tail.last()).toBe('Release command exited with status 3');
  });
});
