// `kyc-sandbox verify` and `kyc-sandbox states` as a user runs them (a child process), plus the
// catalogue at GET /_sandbox/pact/states: the example pact passes, a broken one fails by name.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cli as runCli } from '../src/cli/index.js';
import { PROJECT_ROOT } from '../src/engine/index.js';
import { providers } from '../src/providers/index.js';
import { call, testSandbox } from './helpers.js';
import { execCli } from './process.js';

const EXAMPLE = join(PROJECT_ROOT, 'examples/pacts/my-wallet-app-kulipa.json');

const cli = (...args: string[]) => execCli(args, { cwd: PROJECT_ROOT, timeout: 60_000 });

/** The same command in-process (fast): for the cases that need no separate process to be believed. */
async function inProcess(
  ...args: string[]
): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await runCli(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The example pact with one response field renamed and one status changed: two mistakes a consumer makes. */
function brokenExample(dir: string): string {
  const pact = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
    interactions: {
      description: string;
      response: { status: number; body: { content: Record<string, unknown> } };
    }[];
  };
  for (const i of pact.interactions) {
    if (i.description === 'a request to start a full KYC') {
      const { status, ...rest } = i.response.body.content;
      i.response.body.content = { ...rest, state: status };
    }
    if (i.description === 'a request for a KYC whose webview expired') i.response.status = 404;
  }
  const file = join(dir, 'my-wallet-app-kulipa.json');
  writeFileSync(file, JSON.stringify(pact));
  return file;
}

describe('kyc-sandbox verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verify-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.concurrent('verifies the example consumer pact and exits 0', async () => {
    const run = await cli('verify', 'examples/pacts');
    expect(run.stdout).toContain('PASS  a request to start a full KYC');
    expect(run.stdout).toContain('2 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  it.concurrent(
    'rejects a broken pact, naming the wrong field and the wrong status, and exits 1',
    async () => {
      const run = await cli('verify', brokenExample(dir), '--provider', 'kulipa');
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /FAIL {2}a request to start a full KYC\n\s+body \$: Actual map is missing the following keys: state/,
      );
      expect(run.stdout).toMatch(
        /FAIL {2}a request for a KYC whose webview expired\n\s+status: expected 404 but was 200/,
      );
      expect(run.stdout).toContain('0 passed, 2 failed — verification FAILED');
    },
  );

  it('says which pact names a provider the sandbox does not emulate', async () => {
    const file = join(dir, 'stranger.json');
    writeFileSync(
      file,
      JSON.stringify({
        consumer: { name: 'app' },
        provider: { name: 'acme-kyc' },
        interactions: [],
        metadata: { pactSpecification: { version: '4.0' } },
      }),
    );
    const run = await inProcess('verify', file);
    expect(run.code).toBe(1);
    const names = providers.map((p) => p.name).join(', ');
    expect(run.stdout).toContain(
      `pact names provider "acme-kyc", which matches none of ${names}; pass --provider <name>`,
    );
  });

  it('exits 2 with usage when given no pact', async () => {
    const run = await inProcess('verify');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name at least one pact file or folder');
  });
});

describe('the provider-state catalogue', () => {
  it('is printed by kyc-sandbox states', async () => {
    const run = await inProcess('states', '--provider', 'kulipa');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"a Kulipa user exists"');
    expect(run.stdout).toContain(
      "provides userId: usr- + UUID v4  (fromProviderState('${userId}', …))",
    );
    expect(run.stdout).not.toContain('"a Capa partner"');
  });

  it('is served at GET /_sandbox/pact/states, filtered by ?provider', async () => {
    const sb = testSandbox();
    const all = await call<{ provider: string }[]>(sb, 'GET', '/_sandbox/pact/states');
    expect(new Set(all.body.map((e) => e.provider))).toEqual(
      new Set(providers.filter((p) => p.states?.length).map((p) => p.name)),
    );
    const capa = await call(sb, 'GET', '/_sandbox/pact/states?provider=capa');
    expect(capa.body).toContainEqual(
      expect.objectContaining({
        provider: 'capa',
        state: 'a Capa user exists',
        provides: { userId: 'the user id (UUID)' },
      }),
    );
    expect((await call(sb, 'GET', '/_sandbox/pact/states?provider=nope')).status).toBe(404);
  });
});
