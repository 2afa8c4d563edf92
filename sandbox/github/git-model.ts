import { createHash } from 'node:crypto';

/** A commit: a full snapshot of the tree (path → content), as simple as a fake needs. */
export type Commit = {
  sha: string;
  parents: string[];
  files: Map<string, string>;
  message: string;
  author: string;
  date: string;
};

export type FileChange = {
  filename: string;
  status: 'added' | 'removed' | 'modified';
  additions: number;
  deletions: number;
  changes: number;
  patch: string;
  sha: string;
};

let counter = 0;

/** A 40-hex sha unique to this content and moment, like a git object id. */
export function makeSha(...parts: string[]): string {
  counter += 1;
  return createHash('sha1').update(parts.join('\0')).update(`\0${counter}\0${process.hrtime.bigint()}`).digest('hex');
}

/** The git blob sha of a file's content (what the contents API reports). */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function applyChanges(base: Map<string, string>, changes: Record<string, string | null>): Map<string, string> {
  const files = new Map(base);
  for (const [path, content] of Object.entries(changes)) {
    const clean = path.replace(/^\/+/, '');
    if (content === null) files.delete(clean);
    else files.set(clean, content);
  }
  return files;
}

function lines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\n$/, '').split('\n');
}

function patchFor(before: string | undefined, after: string | undefined): { patch: string; additions: number; deletions: number } {
  const old = before === undefined ? [] : lines(before);
  const now = after === undefined ? [] : lines(after);
  // A whole-file hunk: enough for a reader of `patch`, no diff algorithm needed.
  const header = `@@ -${old.length ? 1 : 0},${old.length} +${now.length ? 1 : 0},${now.length} @@`;
  const body = [...old.map((l) => `-${l}`), ...now.map((l) => `+${l}`)];
  return { patch: [header, ...body].join('\n'), additions: now.length, deletions: old.length };
}

/** Files changed from `base` to `head`, sorted by name, as the compare and pull files APIs list them. */
export function diffTrees(base: Map<string, string>, head: Map<string, string>): FileChange[] {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const out: FileChange[] = [];
  for (const filename of names) {
    const before = base.get(filename);
    const after = head.get(filename);
    if (before === after) continue;
    const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
    const { patch, additions, deletions } = patchFor(before, after);
    out.push({ filename, status, additions, deletions, changes: additions + deletions, patch, sha: blobSha(after ?? before ?? '') });
  }
  return out;
}

/** Every ancestor of `sha` including itself. */
export function ancestors(commits: Map<string, Commit>, sha: string): Set<string> {
  const seen = new Set<string>();
  const queue = [sha];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const parent of commits.get(next)?.parents ?? []) queue.push(parent);
  }
  return seen;
}

/** The nearest common ancestor of two commits (breadth first from `b`). */
export function mergeBase(commits: Map<string, Commit>, a: string, b: string): string | undefined {
  const ofA = ancestors(commits, a);
  const queue = [b];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (ofA.has(next)) return next;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const parent of commits.get(next)?.parents ?? []) queue.push(parent);
  }
  return undefined;
}
