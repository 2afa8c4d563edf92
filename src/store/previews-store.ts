import type { Queryable } from './database.ts';

/** Every statement on the `previews` table (migration 012). */

export const PREVIEW_STATES = ['creating', 'alive', 'tearing_down', 'gone'] as const;
export type PreviewState = (typeof PREVIEW_STATES)[number];

export interface PullRef {
  owner: string;
  repo: string;
  pullNumber: number;
}

export interface PreviewRecord extends PullRef {
  installationId: number;
  state: PreviewState;
  appName: string | null;
  /** Set only once Heroku answered Runway's own `POST /apps`: the one app Runway may update or delete. */
  appId: string | null;
  bucket: string | null;
  prefix: string | null;
  endpoint: string | null;
  region: string | null;
  siteUrl: string | null;
  headSha: string | null;
  approvedSha: string | null;
  approvedBy: string | null;
  commentId: number | null;
  expiresAt: Date | null;
  note: string | null;
  createdAt: Date;
}

/** Where a preview lives: its Heroku app (named before it exists) and its frontend's bucket and prefix. */
export type PreviewPlace = Pick<PreviewRecord, 'bucket' | 'prefix' | 'endpoint' | 'region' | 'siteUrl'> & { appName: string };

interface Row {
  owner: string;
  repo: string;
  pull_number: number;
  installation_id: string | number;
  state: PreviewState;
  app_name: string | null;
  app_id: string | null;
  bucket: string | null;
  prefix: string | null;
  endpoint: string | null;
  region: string | null;
  site_url: string | null;
  head_sha: string | null;
  approved_sha: string | null;
  approved_by: string | null;
  comment_id: string | number | null;
  expires_at: Date | string | null;
  note: string | null;
  created_at: Date | string;
}

const toRecord = (r: Row): PreviewRecord => ({
  owner: r.owner,
  repo: r.repo,
  pullNumber: Number(r.pull_number),
  installationId: Number(r.installation_id),
  state: r.state,
  appName: r.app_name,
  appId: r.app_id,
  bucket: r.bucket,
  prefix: r.prefix,
  endpoint: r.endpoint,
  region: r.region,
  siteUrl: r.site_url,
  headSha: r.head_sha,
  approvedSha: r.approved_sha,
  approvedBy: r.approved_by,
  commentId: r.comment_id === null ? null : Number(r.comment_id),
  expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
  note: r.note,
  createdAt: new Date(r.created_at),
});

const WHERE = 'owner = $1 AND repo = $2 AND pull_number = $3';
const key = (p: PullRef) => [p.owner, p.repo, p.pullNumber];

export async function getPreview(db: Queryable, pull: PullRef): Promise<PreviewRecord | undefined> {
  const rows = await db.query<Row>(`SELECT * FROM previews WHERE ${WHERE}`, key(pull));
  return rows[0] && toRecord(rows[0]);
}

/** Previews that hold (or may hold) an app in a repository: what the cap counts. */
export async function countOpenPreviews(db: Queryable, repo: { owner: string; repo: string }): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM previews WHERE owner = $1 AND repo = $2 AND state <> 'gone'`, [
    repo.owner,
    repo.repo,
  ]);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Starts a preview (or a new life of one that is gone) in `creating`, with the names it will use,
 * unless the repository already has `cap` open previews. The count and the insert are one
 * statement, so two pull requests opened together cannot both take the last place.
 */
export async function beginPreview(
  db: Queryable,
  input: PullRef &
    PreviewPlace & {
      installationId: number;
      expiresAt: Date;
      cap: number;
    },
): Promise<{ ok: true } | { ok: false; reason: 'cap'; open: number }> {
  const rows = await db.query(
    `INSERT INTO previews (owner, repo, pull_number, installation_id, state, app_name, bucket, prefix, endpoint, region, site_url, expires_at)
     SELECT $1, $2, $3, $4, 'creating', $5, $6, $7, $8, $9, $10, $11
     WHERE (SELECT count(*) FROM previews WHERE owner = $1 AND repo = $2 AND state <> 'gone') < $12
     ON CONFLICT (owner, repo, pull_number) DO UPDATE SET
       installation_id = EXCLUDED.installation_id, state = 'creating', app_name = EXCLUDED.app_name, app_id = NULL,
       bucket = EXCLUDED.bucket, prefix = EXCLUDED.prefix, endpoint = EXCLUDED.endpoint, region = EXCLUDED.region,
       site_url = EXCLUDED.site_url, expires_at = EXCLUDED.expires_at, head_sha = NULL, note = NULL,
       created_at = now(), updated_at = now()
     WHERE previews.state = 'gone'
     RETURNING pull_number`,
    [
      input.owner,
      input.repo,
      input.pullNumber,
      input.installationId,
      input.appName,
      input.bucket,
      input.prefix,
      input.endpoint,
      input.region,
      input.siteUrl,
      input.expiresAt,
      input.cap,
    ],
  );
  if (rows.length > 0) return { ok: true };
  return { ok: false, reason: 'cap', open: await countOpenPreviews(db, input) };
}

/** Records the id Heroku gave the app Runway created: from now on Runway may update and delete it. */
export async function recordPreviewApp(db: Queryable, pull: PullRef, appId: string): Promise<void> {
  await db.query(`UPDATE previews SET app_id = $4, updated_at = now() WHERE ${WHERE} AND state = 'creating'`, [...key(pull), appId]);
}

export async function markPreviewAlive(db: Queryable, pull: PullRef, headSha: string): Promise<void> {
  await db.query(
    `UPDATE previews SET state = 'alive', head_sha = $4, updated_at = now() WHERE ${WHERE} AND state IN ('creating', 'alive')`,
    [...key(pull), headSha],
  );
}

/** Marks the preview for teardown (from any open state); returns false when it was gone already. */
export async function beginTeardown(db: Queryable, pull: PullRef, note: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE previews SET state = 'tearing_down', note = COALESCE(CASE WHEN state = 'tearing_down' THEN note END, $4), updated_at = now()
     WHERE ${WHERE} AND state <> 'gone' RETURNING pull_number`,
    [...key(pull), note],
  );
  return rows.length > 0;
}

/** The Heroku app is deleted (or never existed): the id is forgotten before the rest is removed. */
export async function forgetPreviewApp(db: Queryable, pull: PullRef): Promise<void> {
  await db.query(`UPDATE previews SET app_id = NULL, updated_at = now() WHERE ${WHERE}`, key(pull));
}

export async function markPreviewGone(db: Queryable, pull: PullRef, note?: string): Promise<void> {
  await db.query(`UPDATE previews SET state = 'gone', note = COALESCE($4, note), updated_at = now() WHERE ${WHERE}`, [
    ...key(pull),
    note ?? null,
  ]);
}

/** A maintainer's `/preview` on a fork PR allows exactly this head commit. */
export async function approvePreviewSha(
  db: Queryable,
  pull: PullRef & { installationId: number },
  approval: { sha: string; by: string },
): Promise<void> {
  await db.query(
    `INSERT INTO previews (owner, repo, pull_number, installation_id, state, approved_sha, approved_by) VALUES ($1, $2, $3, $4, 'gone', $5, $6)
     ON CONFLICT (owner, repo, pull_number) DO UPDATE SET approved_sha = EXCLUDED.approved_sha, approved_by = EXCLUDED.approved_by, updated_at = now()`,
    [...key(pull), pull.installationId, approval.sha, approval.by],
  );
}

/** Keeps the preview comment's id (a refused pull request, with no preview, gets a `gone` row to hold it). */
export async function savePreviewComment(db: Queryable, pull: PullRef & { installationId: number }, commentId: number): Promise<void> {
  await db.query(
    `INSERT INTO previews (owner, repo, pull_number, installation_id, state, comment_id) VALUES ($1, $2, $3, $4, 'gone', $5)
     ON CONFLICT (owner, repo, pull_number) DO UPDATE SET comment_id = EXCLUDED.comment_id`,
    [...key(pull), pull.installationId, commentId],
  );
}

/** Makes the preview expire at `at` (tests and operators shorten a preview's life this way). */
export async function setPreviewExpiry(db: Queryable, pull: PullRef, at: Date): Promise<void> {
  await db.query(`UPDATE previews SET expires_at = $4 WHERE ${WHERE}`, [...key(pull), at]);
}
