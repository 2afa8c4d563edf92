import type { Settings } from '../../config/settings.ts';
import type { AppYml } from '../../setup/app-manifest.ts';
import { appOctokit, describeGitHubError } from '../app-octokit.ts';
import type { CheckResult } from './doctor-check.ts';

const LEVEL: Record<string, number> = { read: 1, write: 2, admin: 3 };

/** `GET /app` with the App's JWT, and its permissions and events against `app.yml`. */
export async function checkGitHubApp(settings: Settings, wanted: AppYml): Promise<CheckResult> {
  const name = 'GitHub App';
  let app: { name?: string; id?: number; permissions?: Record<string, string | undefined>; events?: string[] } | null;
  try {
    app = (await appOctokit(settings).rest.apps.getAuthenticated()).data;
  } catch (error) {
    const status = (error as { status?: number }).status;
    const fix =
      status === 401
        ? ': APP_ID and PRIVATE_KEY do not belong together (take the key from the App settings page, or run setup again)'
        : status === 404
          ? ': no such App; check APP_ID and GHE_HOST'
          : '';
    return { name, status: 'problem', detail: `${describeGitHubError(error, settings.githubApiUrl)}${fix}` };
  }
  const have = app?.permissions ?? {};
  const missing = Object.entries(wanted.default_permissions)
    .filter(([key, level]) => (LEVEL[have[key] ?? ''] ?? 0) < (LEVEL[level] ?? 0))
    .map(([key, level]) => `${key}: ${level} (has ${have[key] ?? 'none'})`);
  const events = wanted.default_events.filter((e) => !(app?.events ?? []).includes(e));
  if (missing.length > 0 || events.length > 0) {
    const parts = [
      ...(missing.length > 0 ? [`permissions missing: ${missing.join(', ')}`] : []),
      ...(events.length > 0 ? [`events not subscribed: ${events.join(', ')}`] : []),
    ];
    return {
      name,
      status: 'problem',
      detail: `${app?.name ?? 'the App'} (id ${app?.id ?? settings.appId}): ${parts.join('; ')}. Fix them on the App's settings page (Permissions & events) to match app.yml, then accept the new permissions on each installation.`,
    };
  }
  return {
    name,
    status: 'ok',
    detail: `${app?.name ?? 'the App'} (id ${app?.id ?? settings.appId}): permissions and events match app.yml`,
  };
}
