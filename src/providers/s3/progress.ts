import type { StepLog } from '../../deployments/step.ts';

export interface Progress {
  done(bytes: number): void;
}

/** Logs "uploaded n/N files, x/y MB" every few seconds or every `everyFiles` files, and at the end. */
export function uploadProgress(
  log: StepLog,
  label: string,
  totalFiles: number,
  totalBytes: number,
  everyFiles = 250,
  everyMs = 3000,
): Progress {
  let files = 0;
  let bytes = 0;
  let lastAt = Date.now();
  let lastFiles = 0;
  return {
    done(size) {
      files++;
      bytes += size;
      const now = Date.now();
      if (files === totalFiles || files - lastFiles >= everyFiles || now - lastAt >= everyMs) {
        lastAt = now;
        lastFiles = files;
        log.line(`${label}: uploaded ${files}/${totalFiles} files, ${formatBytes(bytes)}/${formatBytes(totalBytes)}`);
      }
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
