// Process entry: loadConfig → createSandbox → listen; prints each provider's base URL and default
// credentials on stdout (logs go to stderr); closes cleanly on SIGINT/SIGTERM. Bad config: a clear
// message and exit code 2.
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { SandboxError } from './engine/index.js';
import { describeState } from './state/spec.js';
import { createSandbox, isLoopbackHost, type Sandbox } from './sandbox/index.js';

/**
 * Logs go to stderr, so stdout carries the start banner alone (`> banner.txt`, `2> log.jsonl`):
 * JSON lines for machines; on a terminal, pino-pretty's readable lines (loaded only then).
 */
async function loggerFor(config: Config) {
  const options = { level: config.logLevel, redact: ['req.headers.authorization'] };
  if (!process.stderr.isTTY) return pino(options, pino.destination({ dest: 2, sync: true }));
  const { default: pretty } = await import('pino-pretty');
  return pino(
    options,
    pretty({ translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', destination: 2 }),
  );
}

export async function serveFromArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number | undefined> {
  let config: Config;
  let sandbox: Sandbox;
  try {
    config = loadConfig(argv, env);
    const logger = await loggerFor(config);
    sandbox = createSandbox({
      seed: config.seed,
      providers: config.providers,
      publicUrl: config.publicUrl,
      clock: { mode: config.clock },
      options: config.options,
      logger,
      adminToken: config.adminToken,
      allowedHosts: config.allowedHosts,
      webhookAllow: config.webhookAllow,
      maxTenants: config.maxTenants,
      retention: config.retention,
      trustProxy: config.trustProxy,
      state: config.state,
    });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof SandboxError) {
      const hint = err instanceof SandboxError && err.hint ? ` (${err.hint})` : '';
      // Only what is wrong: the whole options block would bury the one line that matters.
      process.stderr.write(
        `kyc-sandbox: ${err.message}${hint}\n(kyc-sandbox --help lists the options)\n`,
      );
      return 2;
    }
    throw err;
  }
  let bound: { url: string; adminToken?: string };
  try {
    bound = await sandbox.listen(config.port, config.host);
  } catch (err) {
    process.stderr.write(
      `kyc-sandbox: cannot listen on ${config.host}:${config.port}: ${(err as Error).message}\n`,
    );
    return 2;
  }
  process.stdout.write(`${banner(sandbox, config, bound).join('\n')}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}

/** What the start prints: where each provider is, its credentials, the dashboard and admin API. */
function banner(
  sandbox: Sandbox,
  config: Config,
  bound: { url: string; adminToken?: string },
): string[] {
  const lines = [
    `kyc-sandbox listening on ${bound.url} (seed "${config.seed}", clock ${config.clock}, state ${describeState(config.state)})`,
  ];
  for (const p of sandbox.providers) {
    lines.push(`  ${p.title.padEnd(8)} ${sandbox.publicUrl}/${p.name}${p.clientBase}`);
    for (const cred of p.credentials().slice(0, 2))
      lines.push(`           ${cred.header}: ${cred.value}${cred.note ? `   (${cred.note})` : ''}`);
  }
  lines.push(`  Dashboard ${sandbox.publicUrl}/_sandbox/ui`);
  lines.push(
    `  API reference ${sandbox.publicUrl}/_sandbox/ui/reference/<provider> (try requests)`,
  );
  lines.push(`  Admin    ${sandbox.publicUrl}/_sandbox/providers lists every credential`);
  if (!isLoopbackHost(config.host)) {
    lines.push(
      `  WARNING  bound to ${config.host}: anyone who reaches this port reaches the vendor routes;`,
      '           the admin API and dashboard need the admin token (Authorization: Bearer <token>).',
    );
    if (bound.adminToken)
      lines.push(`  Token    ${bound.adminToken}   (shown once; --admin-token sets your own)`);
  }
  return lines;
}
