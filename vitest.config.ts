import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    sequence: { sequencer: SlowestFirst },
    // Every core, even on two: most files wait on sockets, child processes or a browser part of the time.
    maxWorkers: Math.max(2, availableParallelism()),
    minWorkers: 1,
    // Each test builds its own sandboxes; module state is read-only caches (contracts, ajv), so files
    // share a worker's modules instead of loading them again per file.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
