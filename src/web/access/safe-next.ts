/**
 * The return path after sign-in: only a path on this site. `//evil.example` and `/\evil.example`
 * would leave it, and so would anything with a scheme; everything else becomes `/`.
 */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/';
}
