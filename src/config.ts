// The only reader of process.env and argv: flags win over KYC_SANDBOX_* variables, which win over
// defaults. Returns a frozen config, or throws ConfigError (the CLI prints it and exits 2).
import { parseArgs } from 'node:util';
import type { ClockMode } from './engine/index.js';

export interface Config {
  port: number;
  host: string;
  seed: string;
  providers: readonly string[] | undefined;
  publicUrl: string | undefined;
  clock: ClockMode;
  logLevel: string;
  options: Record<string, Record<string, string>>;
  /** PEM file of CA certificates webhook deliveries trust besides Node's own (see bin/kyc-sandbox). */
  extraCaCerts: string | undefined;
}

export class ConfigError extends Error {}

export const CONFIG_HELP = `Options (flag, or environment variable):
  --port <n>            KYC_SANDBOX_PORT         port to listen on (default 4010; 0 picks a free one)
  --host <addr>         KYC_SANDBOX_HOST         address to bind (default 127.0.0.1)
  --seed <text>         KYC_SANDBOX_SEED         makes ids and fake data reproducible (default kyc-sandbox)
  --providers <a,b>     KYC_SANDBOX_PROVIDERS    providers to mount (default: all)
  --public-url <url>    KYC_SANDBOX_PUBLIC_URL   base of the links handed out (default http://<host>:<port>)
  --clock <real|frozen> KYC_SANDBOX_CLOCK        frozen starts at 2025-01-01T00:00:00Z and moves only when told
  --log-level <level>   KYC_SANDBOX_LOG_LEVEL    pino level: fatal, error, warn, info, debug, silent (default info)
  --option <p.k=v>      KYC_SANDBOX_OPTIONS      provider option, repeatable (env: comma-separated), e.g. capa.linkTtl=30m
                        KYC_SANDBOX_EXTRA_CA_CERTS  PEM file of CAs that https webhook receivers may use
                                                 (the kyc-sandbox command sets it from NODE_EXTRA_CA_CERTS)`;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Config {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        providers: { type: 'string' },
        'public-url': { type: 'string' },
        clock: { type: 'string' },
        'log-level': { type: 'string' },
        option: { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const pick = (flag: string | undefined, name: string) => flag ?? env[`KYC_SANDBOX_${name}`];

  const portText = pick(values.port, 'PORT') ?? '4010';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new ConfigError(`port must be 0–65535, got "${portText}"`);
  const host = pick(values.host, 'HOST') ?? '127.0.0.1';
  const clock = pick(values.clock, 'CLOCK') ?? 'real';
  if (clock !== 'real' && clock !== 'frozen')
    throw new ConfigError(`clock must be real or frozen, got "${clock}"`);
  const logLevel = pick(values['log-level'], 'LOG_LEVEL') ?? 'info';
  if (!LEVELS.includes(logLevel))
    throw new ConfigError(`log level must be one of ${LEVELS.join(', ')}, got "${logLevel}"`);
  const publicUrl = pick(values['public-url'], 'PUBLIC_URL');
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(publicUrl))
    throw new ConfigError(`public URL must be http(s)://host[:port][/path], got "${publicUrl}"`);
  const providersText = pick(values.providers, 'PROVIDERS');

  const options: Record<string, Record<string, string>> = {};
  const optionTexts = values.option ?? env.KYC_SANDBOX_OPTIONS?.split(',').filter(Boolean) ?? [];
  for (const text of optionTexts) {
    const m = /^(\w+)\.(\w+)=(.*)$/.exec(text.trim());
    if (!m) throw new ConfigError(`option must look like provider.name=value, got "${text}"`);
    (options[m[1]] ??= {})[m[2]] = m[3];
  }

  return Object.freeze({
    port,
    host,
    seed: pick(values.seed, 'SEED') ?? 'kyc-sandbox',
    providers: providersText
      ? providersText
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : undefined,
    publicUrl: publicUrl?.replace(/\/$/, ''),
    clock,
    logLevel,
    options,
    extraCaCerts: env.KYC_SANDBOX_EXTRA_CA_CERTS || undefined,
  });
}
