/**
 * The text and what it says once decoded: URL-decoding, JSON unescaping, and every run that looks
 * like base64 (standard or url-safe, read from each of its first four characters) or hex (from each
 * of its first two). A secret found in any view has left in some encoding.
 */
export function decodedViews(text: string): string[] {
  const views = [text];
  try {
    views.push(decodeURIComponent(text.replace(/\+/g, ' ')));
  } catch {
    // Not valid percent-encoding as a whole: decode the escapes one by one.
    views.push(text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('latin1')));
  }
  views.push(text.replace(/\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/g, (escape) => JSON.parse(`"${escape}"`) as string));
  for (const run of text.match(/[A-Za-z0-9+/_-]{12,}={0,2}/g) ?? []) {
    const standard = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let start = 0; start < 4; start++) views.push(Buffer.from(standard.slice(start), 'base64').toString('latin1'));
  }
  for (const run of text.match(/[0-9A-Fa-f]{16,}/g) ?? []) {
    for (let start = 0; start < 2; start++) views.push(Buffer.from(run.slice(start), 'hex').toString('latin1'));
  }
  return views;
}
