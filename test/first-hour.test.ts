// What a new user meets first: the root and /_sandbox lead somewhere, the contracts are served, the
// CLI answers --version and per-command --help, suggests a command for a typo, and PORT is honoured.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { nearest } from '../src/cli/index.js';
import { durationText, human } from '../src/cli/table.js';
import { call, testSandbox } from './helpers.js';
import { CLI } from './process.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('the first requests', () => {
  it('leads from / to the dashboard and from /_sandbox to an index of the admin API', async () => {
    const sb = testSandbox();
    const root = await sb.app.request('/');
    expect(root.status).toBe(302);
    expect(new URL(root.headers.get('location')!, 'http://sandbox.test/').pathname).toBe(
      '/_sandbox/ui',
    );
    const index = await call(sb, 'GET', '/_sandbox');
    expect(index.status).toBe(200);
    expect(index.body).toMatchObject({
      dashboard: '/_sandbox/ui',
      contracts: '/_sandbox/contracts',
    });
    expect(index.body.endpoints).toContain('POST /_sandbox/clock/advance');
  });

  it("serves each provider's contract as JSON and YAML", async () => {
    const sb = testSandbox();
    const list = await call(sb, 'GET', '/_sandbox/contracts');
    expect(list.body.map((c: { provider: string }) => c.provider)).toEqual(
      sb.providers.map((p) => p.name),
    );
    const json = await call(sb, 'GET', '/_sandbox/contracts/capa');
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/partner/v2/users');
    const yaml = await sb.app.request('/_sandbox/contracts/capa?format=yaml');
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    expect(await yaml.text()).toBe(readFileSync('contracts/capa/openapi.yaml', 'utf8'));
    expect((await call(sb, 'GET', '/_sandbox/contracts/nope')).status).toBe(404);
    expect((await call(sb, 'GET', '/_sandbox/contracts/capa?format=xml')).status).toBe(400);
  });

  it('listens on PORT when KYC_SANDBOX_PORT and --port are not given', () => {
    expect(loadConfig([], { PORT: '8080' }).port).toBe(8080);
    expect(loadConfig([], { PORT: '8080', KYC_SANDBOX_PORT: '9090' }).port).toBe(9090);
    expect(loadConfig(['--port', '7070'], { PORT: '8080' }).port).toBe(7070);
  });
});

describe('the command', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [...CLI, ...args], {
      encoding: 'utf8',
    });

  it('prints its version, and a command’s help, exiting 0', () => {
    const version = run('--version');
    expect([version.status, version.stdout.trim()]).toEqual([0, pkg.version]);
    const help = run('fault', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('kyc-sandbox fault: add a rule');
  });

  it('says only what is wrong with the configuration, and answers serve --help', () => {
    const bad = run('--port', 'abc');
    expect([bad.status, bad.stderr]).toEqual([
      2,
      'kyc-sandbox: port must be 0–65535, got "abc"\n(kyc-sandbox --help lists the options)\n',
    ]);
    const help = run('serve', '--help');
    expect([help.status, help.stdout]).toEqual([0, expect.stringContaining('--trust-proxy')]);
  });

  it('prints lists as tables of the columns that matter, and durations as durations', () => {
    const sessions = [
      {
        id: 's1',
        provider: 'capa',
        tenant: 'capa…0001',
        state: 'IN_PROGRESS',
        link: 'live',
        expiresAt: null,
        url: 'x',
      },
    ];
    expect(human('sessions', sessions).split('\n')).toEqual([
      'id  provider  tenant     state        link  expiresAt',
      's1  capa      capa…0001  IN_PROGRESS  live  —',
      '',
    ]);
    expect(human('faults', [])).toBe('(none)\n');
    expect(durationText(300_000)).toBe('5m');
    expect(durationText(90_061_000)).toBe('1d 1h 1m 1s');
  });

  it('suggests the nearest command for a typo', () => {
    const typo = run('sesions');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('unknown command "sesions" (did you mean "sessions"?)');
    expect(nearest('xyzzy', ['sessions', 'health'])).toBeUndefined();
  });
});
