// The Dockerfile built without Docker (test/dockerfile.ts) once a run, in the background: the run's
// global setup starts it as the run begins, test/dockerfile.test.ts checks the image it makes, and
// test/package.test.ts packs its build stage's dist/ (what `npm run build` makes of the build's own
// inputs), so a run builds the package once instead of twice (~12 s of a core each).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
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
 * running. At a lower priority, so that a run of a few files, which never waits for it, is not slowed
 * by it; in a whole run it takes what the test files leave. A job that dies without a result leaves
 * one saying so, so the tests waiting for it fail at once.
 */
export function startReleaseBuild(dir: string) {
  mkdirSync(dir, { recursive: true });
  const log = openSync(join(dir, 'build.log'), 'w');
  const job = ['--import', 'tsx', join(root, 'test/release-build-job.ts'), dir];
  const child = spawn(process.execPath, job, {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
  });
  try {
    // Before the job starts its own processes (loading tsx comes first): they inherit it.
    setPriority(child.pid!, 10);
  } catch {
    /* not allowed here: the build runs at the usual priority */
  }
  let stopping = false;
  const failed = (why: string) => {
    if (stopping || existsSync(join(dir, 'result.json'))) return;
    // The run's temp folder goes at its end: the log's last lines travel with the error.
    const tail = readFileSync(join(dir, 'build.log'), 'utf8').trim().split('\n').slice(-20);
    writeFileSync(join(dir, 'result.json'), JSON.stringify({ error: [why, ...tail].join('\n') }));
  };
  child.on('error', (err) => failed(`the build job did not start: ${err.message}`));
  const exited = new Promise<void>((done) =>
    child.on('exit', (code, signal) => {
      failed(`the build job stopped (${signal ?? code}) without a result`);
      done();
    }),
  );
  return {
    async stop() {
      stopping = true;
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      if (process.platform === 'win32') child.kill();
      else process.kill(-child.pid!, 'SIGKILL');
      await exited;
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
