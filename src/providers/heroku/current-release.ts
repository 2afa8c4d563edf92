import type { HerokuApi } from './api-client.ts';
import { releaseListSchema, type HerokuRelease } from './api-schemas.ts';
import { seg } from './session.ts';

/** The release serving the app now, or undefined for an app that never had one. */
export async function findCurrentRelease(api: HerokuApi, app: string): Promise<HerokuRelease | undefined> {
  // Newest first, one page: the current release is nearly always among the last few.
  const recent = await api.get(`/apps/${seg(app)}/releases`, releaseListSchema, {
    partial: true,
    headers: { Range: 'version ..; order=desc, max=20' },
  });
  const current = recent.find((r) => r.current);
  if (current) return current;
  const all = await api.get(`/apps/${seg(app)}/releases`, releaseListSchema);
  return all.find((r) => r.current);
}
