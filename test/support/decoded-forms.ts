/**
 * A text and what it says once decoded the ways a leak hides a value: base64 (and base64url),
 * hex and URL encoding, each applied to every token that could be one.
 */
export function decodedForms(text: string): string[] {
  const forms = [text];
  try {
    forms.push(decodeURIComponent(text));
  } catch {
    forms.push(text.replace(/%[0-9a-f]{2}/gi, (m) => String.fromCharCode(parseInt(m.slice(1), 16))));
  }
  for (const token of text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []) {
    forms.push(Buffer.from(token, 'base64').toString('latin1'));
    forms.push(Buffer.from(token, 'base64url').toString('latin1'));
  }
  for (const token of text.match(/(?:[0-9a-f]{2}){4,}/gi) ?? []) forms.push(Buffer.from(token, 'hex').toString('latin1'));
  return forms;
}
