import { ConfigError } from './errors.ts';
import type { StepOutputs } from './step.ts';

const placeholder = /\$\{\{\s*([^}\s]+)\s*\}\}/g;

/**
 * Replaces `${{ name }}` in each value with the output an earlier step published (`backend.url`).
 * A name that no step published is a config mistake, so it is reported rather than left empty.
 */
export function interpolateEnv(
  env: Readonly<Record<string, string>>,
  outputs: StepOutputs,
  section = 'frontend.env',
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    result[name] = value.replace(placeholder, (_match, key: string) => {
      const output = outputs.get(key);
      if (output === undefined) {
        const known = [...outputs.keys()].sort().join(', ') || 'none';
        throw new ConfigError(`${section}.${name} uses \${{ ${key} }}, which no earlier step published (published: ${known})`);
      }
      return output;
    });
  }
  return result;
}
