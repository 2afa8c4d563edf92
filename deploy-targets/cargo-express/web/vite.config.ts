import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative asset URLs, so the site also works under a bucket prefix.
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
