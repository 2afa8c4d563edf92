import { readFileSync } from 'node:fs';
import { formatYamlProblems, parseYamlWith } from '../config/parse-yaml-document.ts';
import { policySchema, type Policy } from './policy-schema.ts';

export type PolicyLoadResult = { ok: true; policy: Policy } | { ok: false; message: string };

/** Reads and validates the policy file; a missing or invalid file is a message naming file, line and column. */
export function loadPolicy(file: string): PolicyLoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `RUNWAY_POLICY: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const parsed = parseYamlWith(policySchema, text);
  if (parsed.ok) return { ok: true, policy: parsed.value };
  return { ok: false, message: `RUNWAY_POLICY: ${file} is invalid:\n${formatYamlProblems(file, parsed.problems)}` };
}
