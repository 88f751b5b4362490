// The Dockerfile built without Docker (test/dockerfile.ts) once a run, in the background: the run's
// global setup starts it as the run begins, test/dockerfile.test.ts checks the image it makes, and
// test/package.test.ts packs its build stage's dist/ (what `npm run build` makes of the build's own
// inputs), so a run builds the package once instead of twice (~12 s of a core each).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Stage } from './dockerfile.js';

const root = resolve(import.meta.dirname, '..');

export interface ReleaseBuild {
  /** Where the stages were built (the image's npm cache is in it). */
  out: string;
  stages: Stage[];
}

/**
 * Starts the build in a process group of its own, writing into `dir`; stop() ends it if still
 * running. At a lower priority (nice), so that a run of a few files, which never waits for it, is not
 * slowed by it; in a whole run it takes what the test files leave.
 */
export function startReleaseBuild(dir: string) {
  mkdirSync(dir, { recursive: true });
  const log = openSync(join(dir, 'build.log'), 'w');
  const job = [process.execPath, '--import', 'tsx', join(root, 'test/release-build-job.ts'), dir];
  const [cmd, ...args] = process.platform === 'win32' ? job : ['nice', '-n', '10', ...job];
  const child = spawn(cmd!, args, { cwd: root, detached: true, stdio: ['ignore', log, log] });
  const exited = once(child, 'exit');
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGKILL');
        await exited;
      }
    },
  };
}

/** The finished build (waits for it), or its failure as an error: `releaseBuild(inject('releaseBuild'))`. */
export async function releaseBuild(dir: string): Promise<ReleaseBuild> {
  const result = join(dir, 'result.json');
  const until = Date.now() + 300_000;
  while (!existsSync(result)) {
    if (Date.now() > until) throw new Error(`no Docker build after 300 s (${dir}/build.log)`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const built = JSON.parse(readFileSync(result, 'utf8')) as ReleaseBuild | { error: string };
  if ('error' in built) throw new Error(`the Dockerfile did not build: ${built.error}`);
  return built;
}

/** The dist/ a stage's `npm run build` made. */
export const distOf = (stage: Stage) => join(stage.root, stage.workdir, 'dist');
