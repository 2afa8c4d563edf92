import { deployConfig, type DeployConfig } from './deploy-config.ts';
import { formatYamlProblems, parseYamlWith, type YamlProblem } from './parse-yaml-document.ts';

export const DEPLOY_CONFIG_PATH = '.github/deploy.yml';

export type ConfigProblem = YamlProblem;

export type ConfigParseResult = { ok: true; config: DeployConfig } | { ok: false; problems: ConfigProblem[] };

/** Parses `.github/deploy.yml`; every problem names its field and its line and column in the file. */
export function parseDeployConfig(text: string): ConfigParseResult {
  const parsed = parseYamlWith(deployConfig, text, (line) =>
    /[{,]\s*[\w.-]+:\s*\$\{\{/.test(line)
      ? ' (inside { … } a ${{ … }} value must be quoted: KEY: "${{ backend.url }}", or written in block style)'
      : '',
  );
  return parsed.ok ? { ok: true, config: parsed.value } : parsed;
}

/** One line per problem: `.github/deploy.yml:12:7 environments.production.backend.app: must be ...`. */
export function formatConfigProblems(problems: ConfigProblem[]): string {
  return formatYamlProblems(DEPLOY_CONFIG_PATH, problems);
}
