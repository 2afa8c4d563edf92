/**
 * Writes fixtures/webhooks/*.json from @octokit/webhooks-examples, deriving the payloads the
 * examples lack (a merged PR, a comment on a PR), and the push (branch, tag) and release ones. Run: npx tsx sandbox/github/write-webhook-fixtures.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

// The package is a CommonJS JSON module whose types declare a default export it does not have.
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

type Payload = Record<string, unknown> & { action?: string };

const out = join(import.meta.dirname, '../../fixtures/webhooks');
const installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };

function example(event: string, pick: (p: Payload) => boolean): Payload {
  const definition = examples.find((d) => d.name === event);
  const found = (definition?.examples as Payload[] | undefined)?.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no matching ${event} example`);
  return structuredClone(found);
}

// Without `installation` Probot cannot authenticate, so every fixture carries one.
const withInstallation = (p: Payload): Payload => ({ ...p, installation: p.installation ?? installation });

const deployment = example('deployment', (p) => p.action === 'created' && 'installation' in p && !('organization' in p));
const unmerged = example('pull_request', (p) => p.action === 'closed' && !('organization' in p));
const onIssue = withInstallation(example('issue_comment', (p) => p.action === 'created' && !('organization' in p)));

const pr = structuredClone(unmerged.pull_request) as Record<string, unknown>;
const merged: Payload = {
  ...structuredClone(unmerged),
  pull_request: {
    ...pr,
    merged: true,
    merged_at: pr.closed_at,
    merge_commit_sha: 'd4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3',
    merged_by: structuredClone(unmerged.sender),
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
  },
};

const issue = onIssue.issue as Record<string, unknown> & { number: number; repository_url: string; html_url: string };
const htmlRepo = issue.html_url.replace(/\/issues\/\d+$/, '');
const onPull: Payload = {
  ...structuredClone(onIssue),
  issue: {
    ...structuredClone(issue),
    html_url: `${htmlRepo}/pull/${issue.number}`,
    draft: false,
    pull_request: {
      url: `${issue.repository_url}/pulls/${issue.number}`,
      html_url: `${htmlRepo}/pull/${issue.number}`,
      diff_url: `${htmlRepo}/pull/${issue.number}.diff`,
      patch_url: `${htmlRepo}/pull/${issue.number}.patch`,
      merged_at: null,
    },
  },
};

const pushTag = example('push', (p) => String(p.ref).startsWith('refs/tags/') && 'installation' in p && !('organization' in p));
const pushBranch = example('push', (p) => String(p.ref).startsWith('refs/heads/') && 'installation' in p && !('organization' in p));
const released = withInstallation(example('release', (p) => p.action === 'published' && !('organization' in p)));

const fixtures: Record<string, Payload> = {
  'deployment.created.json': deployment,
  'pull_request.closed.unmerged.json': withInstallation(unmerged),
  'pull_request.closed.merged.json': withInstallation(merged),
  'issue_comment.created.on-issue.json': onIssue,
  'issue_comment.created.on-pull-request.json': onPull,
  'push.branch.json': pushBranch,
  'push.tag.json': pushTag,
  'release.published.json': released,
};

await mkdir(out, { recursive: true });
for (const [file, payload] of Object.entries(fixtures)) await writeFile(join(out, file), `${JSON.stringify(payload, null, 2)}\n`);
console.log(`wrote ${Object.keys(fixtures).length} fixtures to ${out}`);
