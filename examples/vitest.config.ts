// Runs the example consumer test (kept out of the project's own suite): npx vitest run --config examples/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['examples/**/*.pact.test.ts'],
  },
});
