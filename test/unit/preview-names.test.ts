import { describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../src/config/parse-deploy-config.ts';
import { trustFieldDifferences } from '../../src/config/trust-fields.ts';
import { previewNames } from '../../src/previews/preview-names.ts';
import type { DeployConfig } from '../../src/config/deploy-config.ts';

function config(previews: string): DeployConfig {
  const parsed = parseDeployConfig(`environments:
  production:
    backend: { provider: heroku, app: shop-api }
previews:
${previews}`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

describe('previews config and names', () => {
  it('cuts a filled template to a valid Heroku name', () => {
    const c = config(`  from: production\n  backend: { app: '{app}-Preview_{repo}-pr-{number}' }`);
    const names = previewNames(c.previews!, { app: 'shop-api', repo: 'Shop.Web', number: 12345 });
    expect(names).toEqual({ ok: true, app: 'shop-api-preview-shop-web-pr-1', bucket: null, prefix: null, siteUrl: null });
  });

  it('refuses a template that cannot make a valid Heroku name', () => {
    const c = config(`  from: production\n  backend: { app: '{number}-preview' }`);
    const names = previewNames(c.previews!, { app: 'shop-api', repo: 'shop', number: 7 });
    expect(names.ok).toBe(false);
    expect(!names.ok && names.reason).toContain('`7-preview`, which cannot be cut to a valid Heroku app name');
  });

  it("fills the frontend's prefix and site, and the prefix must name the pull request", () => {
    const c = config(
      `  from: production\n  frontend: { bucket: shop-previews, prefix: 'pr-{number}', site_url: 'http://x.test/pr-{number}/' }`,
    );
    expect(previewNames(c.previews!, { app: 'a', repo: 'r', number: 3 })).toMatchObject({
      bucket: 'shop-previews',
      prefix: 'pr-3/',
      siteUrl: 'http://x.test/pr-3/',
    });
    const bad = parseDeployConfig(
      `environments:\n  p:\n    backend: { provider: heroku, app: shop-api }\npreviews:\n  from: p\n  frontend: { bucket: b-b, prefix: previews/ }\n`,
    );
    expect(bad.ok).toBe(false);
    const label = parseDeployConfig(
      `environments:\n  p:\n    backend: { provider: heroku, app: shop-api }\npreviews:\n  from: p\n  on: label\n`,
    );
    expect(label.ok).toBe(false);
  });

  it('is a trust field: a branch that changes previews differs from the default branch', () => {
    const main = config(`  from: production\n  max_alive: 2`);
    const branch = config(`  from: production\n  max_alive: 50`);
    const env = main.environments.production!;
    expect(trustFieldDifferences('production', { config: main, environment: env }, { config: branch, environment: env })).toEqual([
      'previews',
    ]);
  });
});
