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

  it('takes the CA file for https webhook receivers from KYC_SANDBOX_EXTRA_CA_CERTS only', () => {
    expect(loadConfig([], { KYC_SANDBOX_EXTRA_CA_CERTS: '/etc/ca.pem' }).extraCaCerts).toBe(
      '/etc/ca.pem',
    );
    expect(
      loadConfig([], { NODE_EXTRA_CA_CERTS: '/etc/ca.pem', KYC_SANDBOX_EXTRA_CA_CERTS: '' })
        .extraCaCerts,
    ).toBeUndefined();
  });

  it.each([
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
