// `kyc-sandbox verify` in CI, on a team's own pact: --json is JSON alone on stdout, a PactV4
// pending interaction never fails the run, a state's `scenario` reaches a vendor error, state names
// match leniently (case, punctuation, vendor name, the phrasings people write first), unknown
// states and parameters are warned about with the nearest known ones, --port, --public-url and
// --state. The run that sets up states (their records, clocks and fault rules live in the store) goes
// on each state backend (test/backends.ts); the text report, --help and a bad --state are the
// command line's, once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/engine/index.js';
import type { VerifyReport } from '../src/pact/verify.js';
import { describeOnEachBackend } from './backends.js';
import { execCli } from './process.js';

const KEY = 'capa_test_partner_key_000000000001';
const dir = mkdtempSync(join(tmpdir(), 'verify-ci-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const createUser = (
  description: string,
  state: { name: string; params?: Record<string, unknown> },
  status: number,
  pending = false,
) => ({
  type: 'Synchronous/HTTP',
  description,
  pending,
  providerStates: [state],
  request: {
    method: 'POST',
    path: '/api/partner/v2/users',
    headers: { 'partner-api-key': [KEY], 'content-type': ['application/json'] },
    body: {
      content: { type: 'INDIVIDUAL', email: 'ada@example.com' },
      contentType: 'application/json',
      encoded: false,
    },
  },
  response: { status },
});

function pactFile(): string {
  const file = join(dir, 'team-capa.json');
  const interactions = [
    createUser('a user is created', { name: 'A CAPA partner.' }, 201),
    createUser('a wrong key', { name: 'the API key is invalid' }, 401),
    createUser(
      'capa fails',
      { name: 'a Capa partner', params: { scenario: 'USER_CREATION_FAILED' } },
      500,
    ),
    createUser('after the link expired', { name: 'The link has expired' }, 201),
    createUser('a new expectation', { name: 'a capa partner' }, 418, true),
    createUser('an unknown state', { name: 'a Capa user exits', params: { apiKye: KEY } }, 201),
  ];
  writeFileSync(
    file,
    JSON.stringify({
      consumer: { name: 'team-app' },
      provider: { name: 'capa' },
      interactions,
      metadata: { pactSpecification: { version: '4.0' } },
    }),
  );
  return file;
}

const cli = (...args: string[]) => execCli(args, { cwd: PROJECT_ROOT, timeout: 90_000 });

describeOnEachBackend('kyc-sandbox verify for CI', (backend) => {
  it('writes only JSON with --json, passes with a pending failure, and reaches errors through states', async () => {
    const state = backend.state();
    const run = await cli(
      ...['verify', pactFile(), '--json', '--port', '0'],
      ...(state ? ['--state', state] : []),
    );
    const report = JSON.parse(run.stdout) as VerifyReport;
    const byName = new Map(report.files[0]!.interactions.map((i) => [i.description, i]));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(report.ok).toBe(true);
    for (const d of ['a user is created', 'a wrong key', 'capa fails', 'after the link expired'])
      expect(byName.get(d), d).toMatchObject({ ok: true, pending: false, warnings: [] });
    expect(byName.get('a new expectation')).toMatchObject({ ok: false, pending: true });
    const unknown = byName.get('an unknown state')!;
    expect(unknown.warnings).toEqual([
      expect.stringMatching(
        /"a Capa user exits" is not in the capa catalogue \(nearest: "a Capa user exists"/,
      ),
      expect.stringMatching(/has no parameter "apiKye" \(nearest: apiKey/),
    ]);
  }, 120_000);
});

describe('kyc-sandbox verify for CI', () => {
  it('reports pending interactions as such in the text report, answers --help with 0, and exits 2 for a bad --state', async () => {
    const run = await cli('verify', pactFile(), '--public-url', 'http://sandbox.example:9999');
    expect(run.stdout).toContain('PENDING  a new expectation');
    expect(run.stdout).toContain('5 passed, 0 failed, 1 pending (not failing)');
    expect(run.code).toBe(0);
    const help = await cli('verify', '--help');
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('--public-url')]);
    const bad = await cli('verify', pactFile(), '--state', 'mongodb://db');
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringContaining('state must be memory, file:<dir> or redis://'),
    ]);
  }, 120_000);
});
