// `npm run lint`: ESLint, Prettier, dependency-cruiser (import rules) and the type check, side by
// side, so the test command's static checks take as long as the slowest of them.
import { spawn } from 'node:child_process';

const checks = [
  ['eslint', ['.']],
  ['prettier', ['--check', '--log-level', 'warn', '.']],
  ['depcruise', ['src']],
  ['tsc', ['--noEmit']],
];

const run = ([bin, args]) =>
  new Promise((resolve) => {
    let out = '';
    // Run as npm runs scripts: node_modules/.bin is on the PATH (and the shell finds .cmd shims on Windows).
    const child = spawn([bin, ...args].join(' '), {
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ bin, code, out }));
  });

const results = await Promise.all(checks.map(run));
for (const { bin, code, out } of results) {
  if (code !== 0) process.stderr.write(`\n${bin} failed:\n${out}`);
}
const failed = results.filter((r) => r.code !== 0).map((r) => r.bin);
console.log(
  failed.length ? `checks failed: ${failed.join(', ')}` : 'eslint, prettier, depcruise, tsc: clean',
);
process.exit(failed.length ? 1 : 0);
