import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_PATH, configJsonSchema } from '../../src/config/config-json-schema.ts';

describe('the committed JSON Schema of .github/deploy.yml', () => {
  it('is what the zod schema generates (run `npm run schema` after changing the schema)', () => {
    expect(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')).toBe(configJsonSchema());
  });
});
