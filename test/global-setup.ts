// Once a test run (vitest.config.ts globalSetup), for every test file:
// - the CLI bundled from the sources, as the build bundles it (scripts/bundle.mjs), for the tests that
//   start `kyc-sandbox` processes; through tsx each start would transpile the sources again (~0.7 s
//   and a core's worth of CPU a start, ~35 starts). It lives in a temporary folder (its node_modules
//   a link to the checkout's), removed after the run;
// - one redis-server for the suites that run on each state backend (test/backends.ts), each sandbox
//   under a key prefix of its own; tests that stop or flush Redis start their own (test/redis-server.ts).
// - the Dockerfile's build, started in the background (test/release-build.ts) for the Docker and
//   package tests, and stopped at the end if no test waited for it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { redisAvailable, startRedis } from './redis-server.js';
import { startReleaseBuild } from './release-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled CLI: `node <cli> serve …`. */
    cli: string;
    /** The shared redis-server's URL (a database of its own), or null where it is not installed. */
    redisUrl: string | null;
    /** Where the background Docker build writes (test/release-build.ts reads it). */
    releaseBuild: string;
  }
}

const root = resolve(import.meta.dirname, '..');

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-test-run-'));
  // The bundle's external dependencies (Pact, ajv, faker, pino-pretty) resolve from beside it.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const cli = join(dir, 'kyc-sandbox.cjs');
  execFileSync(
    process.execPath,
    [
      'scripts/bundle.mjs',
      '--entry',
      'src/cli/run.ts',
      '--outfile',
      cli,
      '--as',
      'dist/kyc-sandbox.cjs',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  project.provide('cli', cli);
  const release = startReleaseBuild(join(dir, 'release'));
  project.provide('releaseBuild', join(dir, 'release'));
  const redis = redisAvailable ? await startRedis() : undefined;
  project.provide('redisUrl', (await redis?.url()) ?? null);
  return async () => {
    await release.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
