import { loadSettings } from '../config/settings.ts';
import { readAppYml } from '../setup/app-manifest.ts';
import type { CliOutput } from './cli-output.ts';
import { checkGitHubApp } from './doctor/check-github-app.ts';
import { checkHerokuToken } from './doctor/check-heroku-token.ts';
import { checkS3Access } from './doctor/check-s3-access.ts';
import { checkSandbox } from './doctor/check-sandbox.ts';
import type { CheckResult } from './doctor/doctor-check.ts';
import { EXIT } from './exit-codes.ts';

const MARK = { ok: '✓', problem: '✗', skipped: '–' } as const;

/**
 * `runway doctor`: checks an installation with its own settings (the environment over `.env`) and
 * says what to fix: the settings, the App against `app.yml`, the Heroku token, S3, the sandbox.
 * Exit 0 when nothing is wrong, 1 otherwise.
 */
export async function doctorCommand(env: Readonly<Record<string, string | undefined>>, out: CliOutput): Promise<number> {
  const loaded = loadSettings(env);
  if (!loaded.ok) {
    out.error(`${MARK.problem} Settings: ${loaded.problems.length} missing or invalid (see "Settings" in README.md):`);
    for (const problem of loaded.problems) out.error(`    ${problem}`);
    return EXIT.problems;
  }
  const { settings } = loaded;
  const results: CheckResult[] = [
    { name: 'Settings', status: 'ok', detail: 'complete' },
    ...(await Promise.all([checkGitHubApp(settings, readAppYml()), checkHerokuToken(settings), checkS3Access(settings)])),
    checkSandbox(settings),
  ];
  for (const r of results) (r.status === 'problem' ? out.error : out.print)(`${MARK[r.status]} ${r.name}: ${r.detail}`);
  const problems = results.filter((r) => r.status === 'problem').length;
  out.print(problems === 0 ? 'No problems found.' : `${problems} problem${problems === 1 ? '' : 's'} found.`);
  return problems === 0 ? EXIT.ok : EXIT.problems;
}
