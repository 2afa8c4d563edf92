import { createHash, randomBytes } from 'node:crypto';
import { readOptionalText } from './read-optional-text.ts';
import { mkdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isOtherLiveProcess, processIdentity, type ProcessIdentity } from './process-identity.ts';

/**
 * The embedded engine runs in one process only; two processes on one data directory would corrupt
 * it. A lock file names its owner (pid, start time, boot id); a lock whose owner is gone is taken
 * over, by exactly one of the processes that find it.
 *
 * Not proper-lockfile (4.1.2): its stale takeover is remove-then-create, so two processes that find
 * the same stale lock can both end up holding it (moxystudio/node-proper-lockfile#121), and its
 * staleness is an mtime that a timer must keep fresh, which a long pause of the event loop would let go
 * stale under a live owner.
 */
export class DataDirInUseError extends Error {}

const ownerSchema = z.object({ pid: z.number().int().positive(), start: z.string().optional(), boot: z.string().optional() });

/** A takeover guard older than this was left by a process that died in the middle of one. */
const guardStaleMs = 10_000;

export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'runway.lock');
  const mine = JSON.stringify(processIdentity(process.pid));
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      return () => releaseLock(file, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = readOptionalText(file);
    if (held === undefined) continue; // released in between: try again
    const owner = parseOwner(held);
    if (owner && isOtherLiveProcess(owner)) {
      throw new DataDirInUseError(
        `the data directory ${dir} is in use by another Runway process (pid ${owner.pid}); ` +
          'the embedded store serves one process only: stop it, or set DATABASE_URL to share PostgreSQL between replicas',
      );
    }
    if (takeOver(file, held, mine)) return () => releaseLock(file, mine);
    // Another process is taking this stale lock over: look again (its lock, once written, is live).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  throw new DataDirInUseError(`could not lock the data directory ${dir}: other processes keep taking it over`);
}

/**
 * Replaces the stale lock `held` with `mine`, if this process wins the right to. The right is a
 * directory named after the stale content: mkdir is atomic, so of the processes that found the same
 * stale lock one creates it and the others fail. A guard left by a process that died holding it is
 * passed by the next level (`-1`, `-2`, …), never removed under a contender.
 */
function takeOver(file: string, held: string, mine: string): boolean {
  const base = `${file}.takeover-${createHash('sha256').update(held).digest('hex').slice(0, 16)}`;
  for (let level = 0; level < 5; level++) {
    const guard = `${base}-${level}`;
    try {
      mkdirSync(guard);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - (statMtime(guard) ?? Date.now()) > guardStaleMs) continue;
      return false;
    }
    try {
      // Only a guard holder may replace `held`, so if the lock still holds it, nobody else can change it now.
      if (readOptionalText(file) !== held) return false;
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(temp, mine, { flag: 'wx' });
      renameSync(temp, file);
      for (let l = 0; l < level; l++) rmSync(`${base}-${l}`, { recursive: true, force: true });
      return true;
    } finally {
      rmdirSync(guard);
    }
  }
  return false;
}

function releaseLock(file: string, mine: string): void {
  if (readOptionalText(file) === mine) rmSync(file, { force: true });
}

/** The owner a lock names; a lock from Runway 0.1 holds only a pid. */
function parseOwner(text: string): ProcessIdentity | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(trimmed));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // not JSON: a torn or foreign file, which names no live owner
  }
}

function statMtime(p: string): number | undefined {
  try {
    return statSync(p).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
