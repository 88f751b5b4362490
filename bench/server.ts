// What the benchmarks share: the sandbox's own command, a server started and stopped as a child
// process (pinned to CPU 0 under load, where taskset exists), and its resident memory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The sandbox's own command (npm start and the Dockerfile run it too), on a free port, logging warnings only. */
export const SANDBOX = [
  process.execPath,
  '--max-semi-space-size=8',
  'bin/kyc-sandbox.cjs',
  'serve',
  '--port',
  '0',
  '--log-level',
  'warn',
];
export const BARE = [process.execPath, 'bench/bare-server.mjs'];
export const KEY = 'capa_test_partner_key_000000000001';

// Under load, each server runs on CPU 0 and this process (autocannon) on CPU 1, where taskset exists:
// otherwise the scheduler lets the load generator and the server's GC threads take turns on either
// core, and the same build measures 10k or 17k req/s from one run to the next.
export const PIN =
  process.platform === 'linux' &&
  spawnSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' }).status === 0;

/** Both cores again for what follows (children inherit this process's affinity). */
export function unpin() {
  if (PIN) spawnSync('taskset', ['-cp', '0-1', String(process.pid)], { stdio: 'ignore' });
}

export function startServer(
  command: string[],
  pinned = false,
  env = process.env,
): Promise<{ child: ChildProcess; url: string }> {
  const [cmd, ...argv] = pinned && PIN ? ['taskset', '-c', '0', ...command] : command;
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

export const stop = (c: ChildProcess) => new Promise((r) => c.once('exit', r).kill('SIGTERM'));

/** A child's resident set, in MB. */
export const rssMb = (child: ChildProcess) =>
  Math.round(
    (Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024) /
      1e6,
  );
