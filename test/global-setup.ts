// Once a test run (vitest.config.ts globalSetup): the CLI bundled from the sources, as the build
// bundles it (scripts/bundle.mjs), for the tests that start `kyc-sandbox` processes; through tsx each
// start would transpile the sources again (~0.7 s and a core's worth of CPU a start, ~35 starts).
// It lives in a temporary folder (its node_modules a link to the checkout's), removed after the run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled CLI: `node <cli> serve …`. */
    cli: string;
  }
}

const root = resolve(import.meta.dirname, '..');

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-cli-'));
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
  return () => rmSync(dir, { recursive: true, force: true });
}
