import type { PreviewsConfig } from '../config/deploy-config.ts';

/** A preview's GitHub environment: `pr-<number>`. */
export function previewEnvironmentName(pullNumber: number): string {
  return `pr-${pullNumber}`;
}

const HEROKU_APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
const HEROKU_NAME_LIMIT = 30;

export interface TemplateValues {
  /** The `from` environment's Heroku app. */
  app: string;
  number: number;
  repo: string;
}

/** Fills `{app}`, `{number}` and `{repo}`; any other `{…}` is left as written (and so fails the checks after). */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{(app|number|repo)\}/g, (_, key: keyof TemplateValues) => String(values[key]));
}

export type PreviewNames =
  { ok: true; app: string; bucket: string | null; prefix: string | null; siteUrl: string | null } | { ok: false; reason: string };

/**
 * The preview's app name, cut to a valid Heroku name (lowercase; other characters become `-`; at
 * most 30 characters, never ending in `-`), its prefix (ending in `/`) and its site URL. A template
 * that cannot make a valid name is a reason, never a guess.
 */
export function previewNames(previews: PreviewsConfig, values: TemplateValues): PreviewNames {
  const filled = fillTemplate(previews.backend.app, values);
  const app = filled
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, HEROKU_NAME_LIMIT)
    .replace(/-+$/, '');
  if (!HEROKU_APP_NAME.test(app))
    return {
      ok: false,
      reason: `the app name template \`${previews.backend.app}\` makes \`${filled}\`, which cannot be cut to a valid Heroku app name (a lowercase letter first, then letters, digits and dashes; 3 to 30 characters)`,
    };
  if (!previews.frontend) return { ok: true, app, bucket: null, prefix: null, siteUrl: null };
  const prefix = fillTemplate(previews.frontend.prefix, values).replace(/^\/+/, '');
  if (!/^[A-Za-z0-9._/-]+$/.test(prefix) || prefix.split('/').includes('..'))
    return { ok: false, reason: `the prefix template \`${previews.frontend.prefix}\` makes \`${prefix}\`, which is not a safe key prefix` };
  const siteUrl = previews.frontend.site_url === undefined ? null : fillTemplate(previews.frontend.site_url, values);
  if (siteUrl !== null && !URL.canParse(siteUrl))
    return { ok: false, reason: `the site_url template makes \`${siteUrl}\`, which is not a URL` };
  return { ok: true, app, bucket: previews.frontend.bucket, prefix: prefix.endsWith('/') ? prefix : `${prefix}/`, siteUrl };
}
