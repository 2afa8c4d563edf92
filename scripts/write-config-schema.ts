import { writeFileSync } from 'node:fs';
import { configJsonSchema, CONFIG_SCHEMA_PATH } from '../src/config/config-json-schema.ts';

/** Regenerates docs/deploy-config.schema.json from the zod schema (`npm run schema`). */
writeFileSync(CONFIG_SCHEMA_PATH, configJsonSchema());
process.stdout.write(`wrote ${CONFIG_SCHEMA_PATH}\n`);
