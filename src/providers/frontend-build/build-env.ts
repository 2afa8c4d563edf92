import { baseCommandEnv } from '../../shell/run-shell.ts';

/** The environment a build command gets: the tools' basics, `CI=true`, and the config's `env`. */
export function buildEnv(
  serverEnv: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  return { CI: 'true', ...baseCommandEnv(serverEnv), ...extra };
}
