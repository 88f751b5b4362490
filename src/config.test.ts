import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('reads flags over environment over defaults', () => {
    const c = loadConfig(['--port', '0', '--option', 'capa.linkTtl=30m'], {
      KYC_SANDBOX_SEED: 'env-seed',
      KYC_SANDBOX_PORT: '9',
    });
    expect(c).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      seed: 'env-seed',
      clock: 'real',
      publicUrl: undefined,
      options: { capa: { linkTtl: '30m' } },
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('takes the admin token and allowed hosts from flags or the environment', () => {
    expect(loadConfig(['--admin-token', 't0k3n'], {}).adminToken).toBe('t0k3n');
    expect(loadConfig([], { KYC_SANDBOX_ADMIN_TOKEN: 'env' }).adminToken).toBe('env');
    expect(loadConfig([], {}).adminToken).toBeUndefined();
    expect(loadConfig(['--allowed-hosts', 'qa.example, kyc.internal'], {}).allowedHosts).toEqual([
      'qa.example',
      'kyc.internal',
    ]);
  });

  it('takes the retention and the tenant cap from flags or the environment', () => {
    expect(loadConfig(['--retain-records', '500', '--retain-for', '7d'], {})).toMatchObject({
      retention: { records: 500, ageMs: 7 * 86_400_000 },
      maxTenants: undefined,
    });
    expect(loadConfig([], { KYC_SANDBOX_MAX_TENANTS: '50' }).maxTenants).toBe(50);
    expect(loadConfig([], {}).retention).toEqual({ records: undefined, ageMs: undefined });
  });

  it.each([
    [['--retain-records', '0'], /retain-records must be a whole number/],
    [['--retain-for', 'forever'], /retain-for must be a duration/],
    [['--max-tenants', '1e3'], /max-tenants must be/],
    [['--port', 'abc'], /port must be/],
    [['--clock', 'slow'], /clock must be real or frozen/],
    [['--log-level', 'loud'], /log level/],
    [['--public-url', 'ftp://x'], /public URL/],
    [['--option', 'nonsense'], /provider.name=value/],
    [['--bogus'], /Unknown option/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => loadConfig(argv, {})).toThrow(ConfigError);
    expect(() => loadConfig(argv, {})).toThrow(message);
  });
});
