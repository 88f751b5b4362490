// The only reader of process.env and argv: flags win over KYC_SANDBOX_* variables, which win over
// defaults. Returns a frozen config, or throws ConfigError (the CLI prints it and exits 2).
import { parseArgs } from 'node:util';
import { parseDuration, type ClockMode } from './engine/index.js';
import { parseStateSpec, type StateSpec } from './state/spec.js';

export interface Config {
  port: number;
  host: string;
  seed: string;
  providers: readonly string[] | undefined;
  publicUrl: string | undefined;
  clock: ClockMode;
  logLevel: string;
  options: Record<string, Record<string, string>>;
  /** The control plane's token; needed when bound beyond loopback (generated at start when absent). */
  adminToken: string | undefined;
  /** Host header values the control plane accepts besides loopback names and the public URL's host. */
  allowedHosts: readonly string[];
  /** Webhook targets in private ranges allowed when bound beyond loopback. */
  webhookAllow: readonly string[];
  /** Tenants holding state kept at most (the least recently used is reset past it). */
  maxTenants: number | undefined;
  /** Per tenant: records of each kind kept, and their age on the tenant's clock. */
  retention: { records?: number; ageMs?: number };
  /** Links name the address a request came through (Forwarded / X-Forwarded-*). */
  trustProxy: boolean;
  /** Where state lives: memory, file:<dir> or redis://host:port[/db]. */
  state: StateSpec;
}

export class ConfigError extends Error {}

export const CONFIG_HELP = `Options (flag, or environment variable):
  --port <n>            KYC_SANDBOX_PORT         port to listen on (default 4010; 0 picks a free one)
  --host <addr>         KYC_SANDBOX_HOST         address to bind (default 127.0.0.1)
  --seed <text>         KYC_SANDBOX_SEED         makes ids and fake data reproducible (default kyc-sandbox)
  --providers <a,b>     KYC_SANDBOX_PROVIDERS    providers to mount (default: all)
  --public-url <url>    KYC_SANDBOX_PUBLIC_URL   base of the links handed out (default http://<host>:<port>)
  --trust-proxy         KYC_SANDBOX_TRUST_PROXY  links name the address a request came through (Forwarded,
                                                 X-Forwarded-Host/-Proto/-Port/-Prefix); only behind a proxy
  --clock <real|frozen> KYC_SANDBOX_CLOCK        frozen starts at 2025-01-01T00:00:00Z and moves only when told
  --log-level <level>   KYC_SANDBOX_LOG_LEVEL    pino level: fatal, error, warn, info, debug, silent (default info)
  --option <p.k=v>      KYC_SANDBOX_OPTIONS      provider option, repeatable (env: comma-separated), e.g. capa.linkTtl=30m
  --admin-token <t>     KYC_SANDBOX_ADMIN_TOKEN  the admin API's and dashboard's token; needed when --host is not
                                                 loopback (generated and printed once when absent)
  --allowed-hosts <a,b> KYC_SANDBOX_ALLOWED_HOSTS Host names the admin API answers besides loopback and the public URL's
  --webhook-allow <a,b> KYC_SANDBOX_WEBHOOK_ALLOW beyond loopback, webhook targets allowed in private ranges (CIDR, address, host)
  --max-tenants <n>     KYC_SANDBOX_MAX_TENANTS  tenants holding state; past it the least recently used is reset (default 10000)
  --retain-records <n>  KYC_SANDBOX_RETAIN_RECORDS records of each kind kept per tenant, the oldest dropped first (default 10000)
  --retain-for <dur>    KYC_SANDBOX_RETAIN_FOR   records and finished webhook deliveries older than this on the tenant's clock
                                                 are dropped (default 30d)
  --state <where>       KYC_SANDBOX_STATE        memory (default), file:<dir> (survives restarts) or
                                                 redis://host:port[/db] (many instances share it)`;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The command-line flags; a flag that is unknown or missing its value is a ConfigError. */
function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({
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
        'admin-token': { type: 'string' },
        'allowed-hosts': { type: 'string' },
        'webhook-allow': { type: 'string' },
        'max-tenants': { type: 'string' },
        'retain-records': { type: 'string' },
        'retain-for': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        state: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

/** `provider.name=value` texts, grouped by provider. */
function parseOptions(texts: readonly string[]): Record<string, Record<string, string>> {
  const options: Record<string, Record<string, string>> = {};
  for (const text of texts) {
    const m = /^(\w+)\.(\w+)=(.*)$/.exec(text.trim());
    if (!m) throw new ConfigError(`option must look like provider.name=value, got "${text}"`);
    (options[m[1]] ??= {})[m[2]] = m[3];
  }
  return options;
}

/** A comma-separated list, or undefined when none was given. */
const listOf = (text: string | undefined) =>
  text
    ? text
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : undefined;

/** A whole number of at least 1, or undefined when not given. */
function countOf(text: string | undefined, what: string) {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(text))
    throw new ConfigError(`${what} must be a whole number ≥ 1, got "${text}"`);
  return Number(text);
}

/** How much each tenant keeps: --retain-records and --retain-for. */
function retentionOf(records: string | undefined, age: string | undefined) {
  const ageMs = age === undefined ? undefined : parseDuration(age);
  if (ageMs === 0 || (age !== undefined && ageMs === undefined))
    throw new ConfigError(`retain-for must be a duration such as 30d or 12h, got "${age}"`);
  return { records: countOf(records, 'retain-records'), ageMs };
}

export function loadConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Config {
  const values = readFlags(argv);
  const pick = (flag: string | undefined, name: string) => flag ?? env[`KYC_SANDBOX_${name}`];

  // PORT, as hosting platforms set it, when neither the flag nor KYC_SANDBOX_PORT is given.
  const portText = pick(values.port, 'PORT') ?? env.PORT ?? '4010';
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
  const options = parseOptions(
    values.option ?? env.KYC_SANDBOX_OPTIONS?.split(',').filter(Boolean) ?? [],
  );

  let state: StateSpec;
  try {
    state = parseStateSpec(pick(values.state, 'STATE'));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }

  return Object.freeze({
    port,
    host,
    seed: pick(values.seed, 'SEED') ?? 'kyc-sandbox',
    providers: listOf(providersText),
    publicUrl: publicUrl?.replace(/\/$/, ''),
    clock,
    logLevel,
    options,
    adminToken: pick(values['admin-token'], 'ADMIN_TOKEN') || undefined,
    allowedHosts: listOf(pick(values['allowed-hosts'], 'ALLOWED_HOSTS')) ?? [],
    webhookAllow: listOf(pick(values['webhook-allow'], 'WEBHOOK_ALLOW')) ?? [],
    maxTenants: countOf(pick(values['max-tenants'], 'MAX_TENANTS'), 'max-tenants'),
    retention: retentionOf(
      pick(values['retain-records'], 'RETAIN_RECORDS'),
      pick(values['retain-for'], 'RETAIN_FOR'),
    ),
    trustProxy: values['trust-proxy'] ?? /^(1|true|yes)$/i.test(env.KYC_SANDBOX_TRUST_PROXY ?? ''),
    state,
  });
}
