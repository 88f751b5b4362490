// An npm cache of a test's own, seeded from the machine's, which is only read: its index copied, its
// content hard-linked (cacache never rewrites a content file, and `npm cache clean` only unlinks).
// npm then prefers what it holds, so CI needs no more than the npm registry.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function seedNpmCache(cache: string) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const machineCache = execFileSync(npm, ['config', 'get', 'cache'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  }).trim();
  const machine = join(machineCache, '_cacache');
  mkdirSync(join(cache, '_cacache'), { recursive: true });
  if (!existsSync(machine)) return;
  for (const entry of readdirSync(machine)) {
    const from = join(machine, entry);
    const to = join(cache, '_cacache', entry);
    const linked =
      entry.startsWith('content') && process.platform !== 'win32'
        ? spawnOk('cp', ['-al', from, to])
        : false;
    if (!linked) cpSync(from, to, { recursive: true });
  }
}

function spawnOk(cmd: string, args: string[]) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
