import { usages } from './command.ts';

const explanations: Readonly<Record<keyof typeof usages, string>> = {
  deploy:
    'Deploy a branch, tag or sha (default: the pull request head, else the environment branch) to an environment (default: the only one, or the one whose branch matches). `--force` (admins only) deploys through a lock or freeze window.',
  redeploy: 'Deploy again what is live on the environment.',
  rollback: 'Go back to the deployment before the live one, or to the given sha or deployment id.',
  lock: 'Lock the environment (`--all`: every one): merges queue (or are refused) until it is unlocked, or for a while (`for 30m`, `for 2h`, `for 1d`).',
  unlock: 'Unlock the environment.',
  status: 'Show what is live and what is running, for one environment or all.',
  help: 'Show this help.',
  cancel:
    'Stop the running deployment of an environment (its steps are undone as after a failure; `--no-undo` leaves them), or remove a waiting deployment by id.',
  resume: 'Let merges deploy the environment again after a rollback held it.',
  preview: "Ask for this pull request's preview environment; on a fork's pull request, a maintainer's `/preview` allows its head commit.",
  promote:
    "Ship what is live on the first environment to the second without rebuilding the backend (a Heroku release of the same slug, the target's release phase included); a frontend is built again with the target's backend URL unless its build environment is the same. Needs the target's deployers.",
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
    'Deployments wait for their CI checks (the `checks` setting); an admin may add `--skip-checks` to `/deploy`.',
  ].join('\n');
}
