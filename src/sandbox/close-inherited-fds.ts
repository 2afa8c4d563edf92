import { closeSync, readdirSync, readFileSync } from 'node:fs';

/** O_CLOEXEC as /proc/self/fdinfo prints flags (octal). */
const O_CLOEXEC = 0o2000000;

/**
 * Closes descriptors this process inherited without close-on-exec (from whatever started Runway),
 * except stdio and the IPC channel: every child would otherwise inherit them too, and bwrap passes
 * them on into the sandbox. Node opens its own descriptors with close-on-exec.
 */
export function closeInheritedFds(keep: readonly number[]): void {
  for (const name of readdirSync('/proc/self/fdinfo')) {
    const fd = Number(name);
    if (fd <= 2 || keep.includes(fd)) continue;
    let flags: number;
    try {
      flags = parseInt(/^flags:\s+(\d+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1] ?? '0', 8);
    } catch {
      continue; // the descriptor readdir itself used, gone already
    }
    if ((flags & O_CLOEXEC) === 0) closeSync(fd);
  }
}
