import { lstat, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chownTree } from '../../src/sandbox/chown-tree.ts';

const uid = 54_321;
const gid = 54_322;

describe('chownTree (a checkout handed to the sandbox user, without starting chown)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'chown-tree-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives every folder, file and link under the checkout to the user, and never what a link points at', async () => {
    const checkout = path.join(dir, 'checkout');
    const outside = path.join(dir, 'outside.txt');
    const outsideDir = path.join(dir, 'outside-dir');
    await writeFile(outside, 'not the sandbox user’s\n');
    await mkdir(outsideDir);
    await writeFile(path.join(outsideDir, 'kept.txt'), 'kept\n');
    await mkdir(path.join(checkout, 'src', 'deep', 'deeper'), { recursive: true });
    await writeFile(path.join(checkout, 'package.json'), '{}\n');
    await writeFile(path.join(checkout, 'src', 'deep', 'deeper', 'index.js'), '\n');
    await symlink(outside, path.join(checkout, 'link-to-file'));
    await symlink(outsideDir, path.join(checkout, 'src', 'link-to-dir'));
    await symlink('/nowhere', path.join(checkout, 'dangling'));

    await chownTree(checkout, uid, gid);

    const inside = [
      '',
      'package.json',
      'src',
      'src/deep',
      'src/deep/deeper',
      'src/deep/deeper/index.js',
      'link-to-file',
      'src/link-to-dir',
      'dangling',
    ];
    for (const rel of inside) {
      const s = await lstat(path.join(checkout, rel));
      expect({ rel, uid: s.uid, gid: s.gid }).toEqual({ rel, uid, gid });
    }
    for (const target of [outside, outsideDir, path.join(outsideDir, 'kept.txt')]) {
      const s = await stat(target);
      expect({ target, uid: s.uid }).toEqual({ target, uid: process.getuid!() });
    }
  });

  it('fails on a checkout that is not there, as chown did', async () => {
    await expect(chownTree(path.join(dir, 'missing'), uid, gid)).rejects.toThrow(/ENOENT/);
  });
});
