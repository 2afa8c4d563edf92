#!/usr/bin/env node
// The `runway` command. It runs the CLI's TypeScript sources through tsx (a dependency), so it
// works in a clean checkout right after `npm ci`, with no build step: `npx --no-install runway …`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
