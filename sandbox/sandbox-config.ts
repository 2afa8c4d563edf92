import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

/**
 * This repository's `.github/deploy.yml`, pointed at the sandbox: only the environments asked for,
 * each site's URL and CORS origin replaced by the local website URL, and the Heroku Postgres TLS
 * setting dropped (the sandbox's databases speak plain TCP). Everything else is the real config.
 */
export function sandboxDeployConfig(input: {
  environments: string[];
  siteUrls: Record<string, string>;
  /** Environments added for the sandbox only. */
  extraEnvironments?: Record<string, unknown>;
}): string {
  const doc = parseDocument(readFileSync(new URL('../.github/deploy.yml', import.meta.url), 'utf8'));
  const envs = doc.get('environments') as { items: { key: { value: string } }[] } & { delete(k: string): void };
  for (const name of envs.items.map((i) => i.key.value)) if (!input.environments.includes(name)) envs.delete(name);
  for (const name of input.environments) {
    const siteUrl = input.siteUrls[name];
    if (doc.hasIn(['environments', name, 'backend', 'config_vars', 'DATABASE_SSL'])) {
      doc.deleteIn(['environments', name, 'backend', 'config_vars', 'DATABASE_SSL']);
    }
    if (!siteUrl) continue;
    doc.setIn(['environments', name, 'frontend', 'site_url'], siteUrl);
    if (doc.hasIn(['environments', name, 'backend', 'config_vars', 'CORS_ORIGIN'])) {
      doc.setIn(['environments', name, 'backend', 'config_vars', 'CORS_ORIGIN'], new URL(siteUrl).origin);
    }
  }
  for (const [name, env] of Object.entries(input.extraEnvironments ?? {})) doc.setIn(['environments', name], doc.createNode(env));
  doc.delete('notify');
  return doc.toString();
}
