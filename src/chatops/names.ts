/**
 * Checks for the names a command carries. Anything accepted here is later passed to GitHub, to
 * providers and maybe to a shell, so the check is stricter than git: no shell metacharacters.
 */

const environmentName = /^[A-Za-z0-9._-]{1,64}$/;

export function isEnvironmentName(word: string): boolean {
  return environmentName.test(word);
}

// git check-ref-format already forbids space, control characters and ~^:?*[\ ; this set also
// leaves out the shell's ;|&$`'"(){}<>!# and anything outside ASCII.
const refCharacters = /^[A-Za-z0-9._/+=,@%-]+$/;

/** Why `ref` is not an acceptable git ref name, or undefined when it is. */
export function refProblem(ref: string): string | undefined {
  if (ref.length > 255) return 'is longer than 255 characters';
  if (!refCharacters.test(ref)) return 'may only use letters, digits and . _ - / + = , @ %';
  if (ref.startsWith('-')) return 'must not start with -';
  if (ref === '@') return 'must not be @';
  if (ref.includes('..')) return 'must not contain ..';
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) return 'must not have an empty path component';
  if (ref.endsWith('.')) return 'must not end with .';
  for (const component of ref.split('/')) {
    if (component.startsWith('.')) return 'must not have a component starting with .';
    if (component.endsWith('.lock')) return 'must not have a component ending with .lock';
  }
  return undefined;
}

const sha = /^[0-9a-f]{7,40}$/i;
// Deployment ids fit in 15 digits; a longer all-digit word can only be a sha.
const deploymentId = /^[0-9]{1,15}$/;

/** A rollback target: a decimal number is a deployment id, a 7–40 hex string a sha. */
export function rollbackTarget(word: string): { sha: string } | { deploymentId: number } | undefined {
  if (deploymentId.test(word)) {
    const id = Number(word);
    return id > 0 ? { deploymentId: id } : undefined;
  }
  if (sha.test(word)) return { sha: word.toLowerCase() };
  return undefined;
}
