import { defineConfig } from 'vite';

export default defineConfig(({ command }) => {
  if (command === 'build' && !process.env.VITE_API_URL) {
    // Runway sets it from the backend's URL; a local build falls back to the API's default port.
    console.warn('VITE_API_URL is not set: the build will call http://localhost:3000');
  }
  return {
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
    test: { include: ['test/**/*.test.ts'], environment: 'node' },
  };
});
