import { z } from 'zod';
import { deployConfig } from './deploy-config.ts';

export const CONFIG_SCHEMA_PATH = 'docs/deploy-config.schema.json';

/** The JSON Schema of `.github/deploy.yml` (what a user may write: defaults are optional), for editors. */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(deployConfig, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Runway .github/deploy.yml' }, null, 2)}\n`;
}
