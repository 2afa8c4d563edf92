/**
 * The environment a build command starts from: only what tools need to run, never the server's
 * secrets (GitHub key, AWS and Heroku credentials live in the same server environment).
 */
const inherited = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'NODE_OPTIONS', 'npm_config_cache'] as const;

export function buildEnv(serverEnv: Readonly<Record<string, string | undefined>>, extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = { CI: 'true' };
  for (const name of inherited) {
    const value = serverEnv[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}
