import { usages } from './command.ts';

const explanations: Readonly<Record<keyof typeof usages, string>> = {
  deploy:
    'Deploy a branch, tag or sha (default: the pull request head, else the environment branch) to an environment (default: the only one, or the one whose branch matches).',
  redeploy: 'Deploy again what is live on the environment.',
  rollback: 'Go back to the deployment before the live one, or to the given sha or deployment id.',
  lock: 'Lock the environment: merges queue (or are refused) until it is unlocked.',
  unlock: 'Unlock the environment.',
  status: 'Show what is live and what is running, for one environment or all.',
  help: 'Show this help.',
  preview: "Ask for this pull request's preview environment; on a fork's pull request, a maintainer's `/preview` allows its head commit.",
};

/** The `/help` answer: the grammar, in markdown, with this repository's environments. */
export function helpText(environments: readonly string[]): string {
  const rows = Object.entries(usages).map(([kind, usage]) => `| \`${usage}\` | ${explanations[kind as keyof typeof usages]} |`);
  const known =
    environments.length === 0
      ? 'This repository has no environments in `.github/deploy.yml` yet.'
      : `Environments: ${environments.map((e) => `\`${e.replace(/`/g, '')}\``).join(', ')}.`;
  return [
    '**Runway commands** (one per comment, on its first line)',
    '',
    '| Command | What it does |',
    '| --- | --- |',
    ...rows,
    '',
    known,
    '',
    "`--dry-run` shows the plan without changing anything. Deploying needs write access to the repository, or what the environment's `deployers` setting asks for.",
  ].join('\n');
}
