// The package as a user gets it: `npm pack` from a copy of this checkout, the tarball installed into
// a fresh project, the README's TypeScript examples type-checked with `tsc --strict` and run, and
// `npx kyc-sandbox --version`. The copy's dist/ is the one the Dockerfile's build stage made with
// `npm run build` (the run's background build, test/release-build.ts) from the same sources, so it
// is packed without running prepack again, and prepack's command is checked to be that build. npm
// runs on a cache of its own in the temp folder (test/npm-cache.ts); TypeScript and @types/node (at
// the versions this checkout installed) and vitest are linked from the checkout.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { writeFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedNpmCache } from './npm-cache.js';
import { distOf, releaseBuild } from './release-build.js';

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
};
const tmp = mkdtempSync(join(tmpdir(), 'kyc-pack-'));
const cache = join(tmp, 'npm-cache');
const app = join(tmp, 'app');
const npmEnv = {
  ...process.env,
  npm_config_cache: cache,
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
const npm = (args: string[], cwd: string) =>
  exec(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    cwd,
    env: npmEnv,
    shell: process.platform === 'win32',
    maxBuffer: 16 << 20,
  });

/** The README's ```ts blocks under "In your own tests". */
function readmeExamples(): string[] {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const section = text.slice(text.indexOf('## In your own tests'));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.slice(0, 2);
}

/** A copy of the checkout's package sources (node_modules linked) with the built dist/, packed there: dist/ here is left alone. */
async function pack(): Promise<string> {
  const src = join(tmp, 'src');
  mkdirSync(src);
  for (const f of readdirSync(root)) {
    if (['node_modules', 'dist', '.git', 'test', 'bench', 'docs', 'examples'].includes(f)) continue;
    cpSync(join(root, f), join(src, f), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(src, 'node_modules'), 'dir');
  cpSync(distOf((await releaseBuild(inject('releaseBuild'))).stages[0]!), join(src, 'dist'), {
    recursive: true,
  });
  const pack = ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp];
  const { stdout } = await npm(pack, src);
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[];
  return join(tmp, info!.filename);
}

let tarball = '';
let files: string[] = [];

beforeAll(async () => {
  seedNpmCache(cache);
  tarball = await pack();
  files = (await exec('tar', ['-tzf', tarball])).stdout.split('\n').filter(Boolean);
  mkdirSync(app);
  const [example, fixture] = readmeExamples();
  writeFileSync(join(app, 'example.ts'), example!);
  writeFileSync(join(app, 'fixture.test.ts'), fixture!);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module' }),
  );
  await npm(['install', tarball], app);
  // vitest for the fixture example (the package's optional peer) and the compiler: this checkout's.
  mkdirSync(join(app, 'node_modules/@types'), { recursive: true });
  for (const dep of ['vitest', 'typescript', '@types/node'])
    symlinkSync(join(root, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds the runtime files only', () => {
    const paths = files.map((f) => f.replace(/^package\//, ''));
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md']));
    expect(paths).toEqual(expect.arrayContaining(['dist/index.d.ts', 'dist/vitest.d.ts']));
    expect(paths).toEqual(expect.arrayContaining(['bin/kyc-sandbox.cjs', 'dist/kyc-sandbox.cjs']));
    expect(paths.filter((p) => /^(scripts|src|test|bench|docs)\//.test(p))).toEqual([]);
    expect(paths.filter((p) => /\/pacts\//.test(p) || p.endsWith('.test.js'))).toEqual([]);
    // npm pack and npm publish build first (prepack), with the build the packed dist/ came from.
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it("type-checks the README's examples with tsc --strict and runs them", async () => {
    const tsc = [
      'tsc',
      '--strict',
      '--module',
      'nodenext',
      '--target',
      'es2022',
      '--outDir',
      'out',
      'example.ts',
      'fixture.test.ts',
    ];
    await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), ...tsc.slice(1)], {
      cwd: app,
    });
    const { stdout } = await exec(process.execPath, ['out/example.js'], { cwd: app });
    expect(stdout.split('\n')).toEqual(['201 1', 'expired', '503', '0 1', '']);
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const run = await exec(process.execPath, [vitest, 'run', '--root', app, 'out/'], { cwd: app });
    expect(run.stdout).toMatch(/1 passed/);
  }, 120_000);

  it('answers npx kyc-sandbox --version', async () => {
    const { stdout } = await npm(['exec', '--offline', '--', 'kyc-sandbox', '--version'], app);
    expect(stdout.trim()).toBe(pkg.version);
    // Pact is an optional peer: not installed here, so verify says how to get it.
    const verify = await npm(['exec', '--offline', '--', 'kyc-sandbox', 'verify', '.'], app).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(verify).toMatchObject({ code: 2 });
    expect(verify.stderr).toContain('npm install --save-dev @pact-foundation/pact');
  }, 60_000);
});
