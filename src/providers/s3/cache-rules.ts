import { contentType } from 'mime-types';
import { posix } from 'node:path';
import type { S3FrontendConfig } from '../../config/deploy-config.ts';

/** HTML files are the entry points: they name the hashed assets, so they go up after them. */
export function isHtml(key: string): boolean {
  return /\.html?$/i.test(key);
}

/**
 * Whether a file name carries a content hash, so that its content can never change under that name:
 * `index-3f2a1b9c.js`, `index-BxQ3_k-P.css` (Vite/Rollup: 8 base64url characters), `main.5ZYWQ3XP.js`
 * (esbuild), `app.1f3e9c7d2a4b6c8e0f12.js` (webpack hex), also with `.map` after the extension.
 * The hash must look random (a digit next to letters, or both letter cases, or all capitals) so that
 * words and dates (`my-component.js`, `report-20240101.pdf`, `lib-v2-final.js`) are not taken for hashes: a false
 * "immutable" would pin a stale file in browsers for a year.
 */
export function hasContentHash(key: string): boolean {
  const name = posix.basename(key).replace(/(\.map)?$/i, '');
  const stem = name.replace(/\.[A-Za-z0-9]{1,8}$/, '');
  if (stem === name) return false;
  const eight = /[.-]([A-Za-z0-9_-]{8})$/.exec(stem)?.[1];
  const run = /[.-]([A-Za-z0-9_]{8,64})$/.exec(stem)?.[1];
  return [eight, run].some((hash) => hash !== undefined && looksRandom(hash));
}

function looksRandom(hash: string): boolean {
  const letters = hash.replace(/[^A-Za-z]/g, '');
  const digits = /\d/.test(hash);
  if (letters === '') return false;
  const upper = /[A-Z]/.test(letters);
  const lower = /[a-z]/.test(letters);
  // A dash inside: base64url hashes almost always mix cases; names like `v2-final` do not.
  if (hash.includes('-')) return upper && lower;
  return digits || (upper && lower) || (upper && letters.length >= 8);
}

export function contentTypeFor(key: string): string {
  return contentType(posix.basename(key)) || 'application/octet-stream';
}

export function cacheControlFor(key: string, rules: S3FrontendConfig['cache_control']): string {
  return !isHtml(key) && hasContentHash(key) ? rules.immutable : rules.default;
}
