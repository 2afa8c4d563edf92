/**
 * The one place that decides where a site's artifacts live inside the artifact store:
 *
 *   <owner>/<repo>/<environment>/current.json              the live release's manifest
 *   <owner>/<repo>/<environment>/synced.json               Runway's record of its last complete sync
 *   <owner>/<repo>/<environment>/manifests/<sha>.json      each release's manifest
 *   <owner>/<repo>/<environment>/builds/<sha>/files/…      a kept build, file by file
 *   <owner>/<repo>/<environment>/builds/<sha>/kept.json    written last: the build is whole
 *
 * Owner and repository are lower-cased (GitHub names are case-insensitive); every name is
 * URI-encoded, so an environment called `../x` stays one folder.
 */
export interface SiteRef {
  readonly owner: string;
  readonly repo: string;
  readonly environment: string;
}

const segment = (name: string) => encodeURIComponent(name).replace(/^\.+$/, (dots) => '%2E'.repeat(dots.length));
const sha = (value: string) => {
  if (!/^[0-9a-f]{7,64}$/i.test(value)) throw new Error(`not a commit sha: ${JSON.stringify(value)}`);
  return value.toLowerCase();
};

export function siteFolder(site: SiteRef): string {
  return `${segment(site.owner.toLowerCase())}/${segment(site.repo.toLowerCase())}/${segment(site.environment)}/`;
}

export const currentManifestKey = (site: SiteRef) => `${siteFolder(site)}current.json`;
export const syncRecordKey = (site: SiteRef) => `${siteFolder(site)}synced.json`;
export const releaseManifestKey = (site: SiteRef, commit: string) => `${siteFolder(site)}manifests/${sha(commit)}.json`;
export const keptBuildsFolder = (site: SiteRef) => `${siteFolder(site)}builds/`;
export const keptBuildFolder = (site: SiteRef, commit: string) => `${keptBuildsFolder(site)}${sha(commit)}/`;
export const keptBuildFilesFolder = (site: SiteRef, commit: string) => `${keptBuildFolder(site, commit)}files/`;
export const keptBuildMarkerKey = (site: SiteRef, commit: string) => `${keptBuildFolder(site, commit)}kept.json`;
