import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listLocalFiles, sha256Files } from '../../src/providers/s3/local-files.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'runway-hash-cache-'));
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const hashOf = async (name: string) =>
  (await sha256Files(await listLocalFiles(dir), new AbortController().signal)).get(path.join(dir, name));
const writeOld = (name: string, content: string) => {
  writeFileSync(path.join(dir, name), content);
  const old = new Date(Date.now() - 60_000);
  utimesSync(path.join(dir, name), old, old); // older than the racy window, so its hash is kept
  return old;
};

describe('the build-file hash cache', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same hashes as hashing the content, on every sync', async () => {
    writeOld('a.js', 'alpha');
    expect(await hashOf('a.js')).toBe(sha('alpha'));
    expect(await hashOf('a.js')).toBe(sha('alpha'));
  });

  it('hashes a file again when it was rewritten with the same size and its mtime put back', async () => {
    const old = writeOld('b.js', 'one');
    expect(await hashOf('b.js')).toBe(sha('one'));
    writeFileSync(path.join(dir, 'b.js'), 'two');
    utimesSync(path.join(dir, 'b.js'), old, old);
    expect(await hashOf('b.js')).toBe(sha('two'));
  });
});
