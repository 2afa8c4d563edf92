import { lchown, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * `chown -R` without starting a process: gives `dir` and everything under it to `uid:gid`.
 * Starting `chown` from Runway blocked its event loop (and so the webhook answers) for a fork per
 * command. Symbolic links are changed themselves and never followed, as `chown -R` does: a
 * checkout's link to `/etc` must not hand `/etc` over. Nothing of the sandbox user runs in the
 * checkout meanwhile (its commands' namespaces end with them), so no link appears under the walk.
 * Not `chownr` (tar's, the same walk): it takes a folder that is not there as done, and a checkout
 * that is missing must fail here, before its command runs.
 */
export async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await lchown(dir, uid, gid);
  const entries = await readdir(dir, { withFileTypes: true });
  await Promise.all(
    entries.map((entry) => {
      const child = path.join(dir, entry.name);
      return entry.isDirectory() ? chownTree(child, uid, gid) : lchown(child, uid, gid);
    }),
  );
}
