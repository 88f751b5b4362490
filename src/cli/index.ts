// The `kyc-sandbox` command: `serve` (the default) starts a sandbox; every other command is a thin
// call to a running sandbox's admin API (--url, default http://127.0.0.1:4010), printing its JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_HELP } from '../config.js';
import { human } from './table.js';
import { PROJECT_ROOT } from '../engine/index.js';
import { serveFromArgs } from '../main.js';
import { baseOf, headersOf } from './connection.js';
import { LISTEN_HELP, listen } from './listen.js';
import { PACT_HELP, pactCommand } from './pact.js';

interface Command {
  summary: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: (args: string[]) => string;
  /** Positional arguments, in order, and which body field each fills. */
  positional?: readonly string[];
  /** The body is the file the first positional argument names (import). */
  bodyFromFile?: boolean;
  /** GET: flags become the query; others: flags join the JSON body. */
}

const COMMANDS: Record<string, Command> = {
  health: { summary: 'is it up', method: 'GET', path: () => '/health' },
  providers: {
    summary: 'mounted providers, base URLs, credentials',
    method: 'GET',
    path: () => '/providers',
  },
  scenarios: {
    summary: 'the scenario catalogue [--provider p]',
    method: 'GET',
    path: () => '/scenarios',
  },
  tenants: { summary: 'tenants seen so far [--provider p]', method: 'GET', path: () => '/tenants' },
  reset: { summary: 'drop state [--provider p --tenant t]', method: 'POST', path: () => '/reset' },
  clock: { summary: 'current time [--provider p --tenant t]', method: 'GET', path: () => '/clock' },
  advance: {
    summary: 'advance <duration> [--provider p --tenant t]',
    method: 'POST',
    path: () => '/clock/advance',
    positional: ['by'],
  },
  faults: { summary: 'list fault rules', method: 'GET', path: () => '/faults' },
  fault: {
    summary:
      'add a rule: --provider p [--operation o] (--scenario s | --status n) [--times n --probability x --latencyMs n --tenant t], or --webhook w [--event e] to shape deliveries',
    method: 'POST',
    path: () => '/faults',
  },
  'clear-faults': { summary: 'delete every fault rule', method: 'DELETE', path: () => '/faults' },
  journal: {
    summary: 'requests and responses [--provider p --tenant t --operation o --limit n]',
    method: 'GET',
    path: () => '/journal',
  },
  sessions: {
    summary: 'verification sessions [--provider p --tenant t --state s]',
    method: 'GET',
    path: () => '/sessions',
  },
  transition: {
    summary: 'transition <sessionId> <state> [--reason text]',
    method: 'POST',
    path: (a) => `/sessions/${encodeURIComponent(a[0])}/transition`,
    positional: ['', 'state'],
  },
  webhooks: {
    summary: 'webhook deliveries with attempts [--provider p --tenant t]',
    method: 'GET',
    path: () => '/webhooks',
  },
  export: {
    summary: 'the state as JSON [--provider p --tenant t] (> state.json)',
    method: 'GET',
    path: () => '/state/export',
  },
  import: {
    summary:
      'import <file.json>: replaces each tenant the file holds (another backend, a fresh sandbox)',
    method: 'POST',
    path: () => '/state/import',
    positional: [''],
    bodyFromFile: true,
  },
  replay: {
    summary: 'replay <deliveryId>',
    method: 'POST',
    path: (a) => `/webhooks/${encodeURIComponent(a[0])}/replay`,
    positional: [''],
  },
  trigger: {
    summary: 'send one documented event: trigger <provider> <event> [--session id --tenant t]',
    method: 'POST',
    path: () => '/webhooks/trigger',
    positional: ['provider', 'event'],
  },
};

const NUMERIC = new Set(['times', 'probability', 'latencyMs', 'status']);
const FLAGS = [
  'url',
  'token',
  'as',
  'provider',
  'tenant',
  'operation',
  'scenario',
  'status',
  'times',
  'probability',
  'latencyMs',
  'limit',
  'state',
  'reason',
  'session',
  'webhook',
  'event',
];

/** The package's version, read from its package.json. */
function version(): string {
  const file = join(PROJECT_ROOT, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The known word closest to a typo (edit distance ≤ 2), if any. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++)
        next[j] = Math.min(
          row[j]! + 1,
          next[j - 1]! + 1,
          row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      row = next;
    }
    return row[b.length]!;
  };
  const best = known.map((k) => [k, distance(word, k)] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= 2 ? best[0] : undefined;
}

function usage() {
  const cmds = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(13)} ${c.summary}`);
  return `Usage: kyc-sandbox [serve] [options]      start a sandbox
       kyc-sandbox <command> [--url URL]    talk to a running one (default http://127.0.0.1:4010, or KYC_SANDBOX_URL)
         --token T                          the admin token of a sandbox bound beyond loopback (or KYC_SANDBOX_ADMIN_TOKEN)
         --as provider:credential           act as one tenant: only its sessions, clock, faults, journal

${CONFIG_HELP}

Commands:
${cmds.join('\n')}

${LISTEN_HELP}

${PACT_HELP}`;
}

/** Flags that say how to reach the sandbox, not what to send it. */
const CONNECTION = new Set(['url', 'token', 'as']);

async function runAdmin(name: string, argv: string[]): Promise<number> {
  const cmd = COMMANDS[name];
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        ...Object.fromEntries(FLAGS.map((f) => [f, { type: 'string' as const }])),
        json: { type: 'boolean' as const },
      },
    });
  } catch (err) {
    process.stderr.write(`kyc-sandbox ${name}: ${(err as Error).message}\n`);
    return 2;
  }
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const base = baseOf(values);
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values))
    if (!CONNECTION.has(k) && typeof v === 'string') fields[k] = NUMERIC.has(k) ? Number(v) : v;
  (cmd.positional ?? []).forEach((field, i) => {
    if (field && positionals[i] !== undefined) fields[field] = positionals[i];
  });
  if ((cmd.positional?.length ?? 0) > positionals.length) {
    process.stderr.write(`kyc-sandbox ${name}: ${cmd.summary}\n`);
    return 2;
  }
  const query =
    cmd.method === 'GET' ? `?${new URLSearchParams(fields as Record<string, string>)}` : '';
  let res: Response;
  try {
    res = await fetch(`${base}/_sandbox${cmd.path(positionals)}${query === '?' ? '' : query}`, {
      method: cmd.method,
      headers: headersOf(cmd.method, values),
      body: cmd.bodyFromFile
        ? readFileSync(positionals[0]!, 'utf8')
        : cmd.method === 'POST'
          ? JSON.stringify(fields)
          : undefined,
    });
  } catch (err) {
    process.stderr.write(
      `kyc-sandbox: no sandbox answers at ${base} (${(err as Error).cause ?? (err as Error).message}); start one with: kyc-sandbox serve\n`,
    );
    return 1;
  }
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : null;
  // A person gets a table (an error's message and hint); --json the admin API's answer as it is.
  if (values.json || !res.ok)
    process.stdout.write(text ? `${JSON.stringify(body, null, 2)}\n` : `${res.status}\n`);
  else process.stdout.write(text ? human(name, body) : `${res.status}\n`);
  return res.ok ? 0 : 1;
}

export async function cli(argv: string[]): Promise<number | undefined> {
  const [first, ...rest] = argv;
  const serveHelp =
    (first === 'serve' || first === undefined || first.startsWith('-')) &&
    (argv.includes('--help') || argv.includes('-h'));
  if (first === '--help' || first === '-h' || first === 'help' || serveHelp) {
    process.stdout.write(usage());
    return 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (
    first !== undefined &&
    first in COMMANDS &&
    (rest.includes('--help') || rest.includes('-h'))
  ) {
    process.stdout.write(`kyc-sandbox ${first}: ${COMMANDS[first]!.summary}\n`);
    return 0;
  }
  if (first === undefined || first.startsWith('-')) return serveFromArgs(argv, process.env);
  if (first === 'serve') return serveFromArgs(rest, process.env);
  if (first in COMMANDS) return runAdmin(first, rest);
  if (first === 'listen') return listen(rest);
  const pact = pactCommand(first, rest);
  if (pact) return pact;
  const near = nearest(first, [...Object.keys(COMMANDS), 'serve', 'listen', 'verify', 'states']);
  const hint = near ? ` (did you mean "${near}"?)` : '';
  process.stderr.write(`kyc-sandbox: unknown command "${first}"${hint}\n\n${usage()}`);
  return 2;
}
