import { gzipSync } from 'node:zlib';
import { Header, Pax } from 'tar';

const mtime = new Date('2024-01-01T00:00:00Z');

function entry(path: string, type: 'File' | 'Directory', mode: number, body: Buffer | null): Buffer[] {
  const size = body?.length ?? 0;
  const header = new Header({ path, mode, size, type, mtime, uid: 0, gid: 0, uname: '', gname: '' });
  const blocks: Buffer[] = [];
  header.encode();
  // Paths too long for ustar get a pax header first, as git archive writes them.
  if (header.needPax) blocks.push(new Pax({ path, size, mtime }).encode());
  blocks.push(header.block as Buffer);
  if (body) blocks.push(body, Buffer.alloc((512 - (size % 512)) % 512));
  return blocks;
}

/** A gzipped tar like GitHub's archive: one top folder, a global pax comment with the sha, `.sh` files executable. */
export function makeTarball(topFolder: string, sha: string, files: Map<string, string>): Buffer {
  const blocks: Buffer[] = [new Pax({ comment: sha }, true).encode()];
  const dirs = new Set<string>();
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i += 1) dirs.add(parts.slice(0, i).join('/'));
  }
  blocks.push(...entry(`${topFolder}/`, 'Directory', 0o755, null));
  for (const dir of [...dirs].sort()) blocks.push(...entry(`${topFolder}/${dir}/`, 'Directory', 0o755, null));
  for (const path of [...files.keys()].sort()) {
    const body = Buffer.from(files.get(path) as string);
    blocks.push(...entry(`${topFolder}/${path}`, 'File', path.endsWith('.sh') ? 0o755 : 0o644, body));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
