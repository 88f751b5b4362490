// The `kyc-sandbox` command as a real child process (the sources bundled once a run by
// test/global-setup.ts): its output, its URL once it listens, and its exit.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { inject } from 'vitest';

/** `node` and the arguments that run the CLI: `spawn(process.execPath, [...CLI, 'serve'])`. */
export const CLI = [inject('cli')];

/** A command run to its end: its exit code and output. */
export function execCli(args: string[], opts: { cwd?: string; timeout?: number } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [...CLI, ...args], opts, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export async function waitFor(check: () => boolean, ms = 20_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function runCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return {
    child,
    out: () => stdout,
    err: () => stderr,
    exit: once(child, 'exit').then(([code, signal]) => (code as number | null) ?? signal),
  };
}

/** `serve` with these flags; resolves once it listens, with its URL. */
export async function serveCli(args: string[], env: Record<string, string> = {}) {
  const run = runCli(['serve', '--port', '0', '--log-level', 'warn', ...args], env);
  const listening = /listening on (http:\/\/\S+)/;
  await waitFor(() => listening.test(run.out()) || run.child.exitCode !== null);
  if (!listening.test(run.out())) throw new Error(`did not start: ${run.err()}`);
  return { ...run, url: listening.exec(run.out())![1]! };
}
