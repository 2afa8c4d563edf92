import { createHash } from 'node:crypto';
import type { Urls } from './urls.ts';

/** A stable numeric id per login, so the same user has the same id in every payload. */
export function userId(login: string): number {
  return 1_000_000 + (createHash('sha1').update(login.toLowerCase()).digest().readUInt32BE(0) % 90_000_000);
}

export const nodeId = (kind: string, id: number): string => Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');

/** A user (or bot, or organization) object as GitHub embeds it everywhere. */
export function userShape(
  urls: Urls,
  login: string,
  type: 'User' | 'Bot' | 'Organization' = login.endsWith('[bot]') ? 'Bot' : 'User',
): Record<string, unknown> {
  const id = userId(login);
  const api = `${urls.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: `${urls.web}/avatars/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}
