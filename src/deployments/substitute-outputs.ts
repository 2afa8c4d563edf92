import { ConfigError } from './errors.ts';
import type { StepOutputs } from './step.ts';

/** Replaces `${{ name }}` with the output of that name (`backend.url`); an unknown name is a config error. */
export function substituteOutputs(value: string, outputs: StepOutputs): string {
  return value.replace(/\$\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (_, name: string) => {
    const out = outputs.get(name);
    if (out === undefined) {
      const known = [...outputs.keys()].join(', ') || 'none yet';
      throw new ConfigError(`\${{ ${name} }} is not an output of an earlier step (known: ${known})`);
    }
    return out;
  });
}

export function substituteEnv(env: Record<string, string>, outputs: StepOutputs): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, substituteOutputs(v, outputs)]));
}
