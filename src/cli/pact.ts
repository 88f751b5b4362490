// `kyc-sandbox verify <pact file or folder…> [--provider p]` and `kyc-sandbox states [--provider p]`:
// both run in-process (no server needed). Pact itself is loaded only by verify, and only when run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { providers } from '../providers/index.js';
import { formatCatalogue, stateCatalogue } from '../pact/catalogue.js';

export const PACT_HELP = `Contract testing (in-process, no running sandbox needed):
  verify <pact file or folder…> [--provider p] [--json] [--port n] [--public-url url]
         [--state memory|file:<dir>|redis://…]
                verify your consumer pacts against a fresh sandbox; exit 1 on any mismatch
                (PactV4 pending interactions are reported, never fatal). A state may carry
                {"scenario": "<catalogue scenario>"}; state names match leniently. --state
                runs it on that backend, which it resets before every interaction (memory
                by default; KYC_SANDBOX_STATE is not read: name one nothing else uses).
  states [--provider p] [--json]
                the provider states a pact may name in given(...)
`;

const OPTIONS = {
  provider: { type: 'string' as const },
  json: { type: 'boolean' as const },
  port: { type: 'string' as const },
  'public-url': { type: 'string' as const },
  state: { type: 'string' as const },
  help: { type: 'boolean' as const, short: 'h' },
  // Internal: where a --json run's child writes its report (see jsonInChild).
  'report-file': { type: 'string' as const },
};

/**
 * --json: Pact's native verifier prints its own log straight to the process's stdout, so the run
 * happens in a child whose stdout goes to stderr; its report comes back through a file, and stdout
 * carries nothing but that JSON.
 */
async function jsonInChild(argv: string[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-verify-'));
  const file = join(dir, 'report.json');
  try {
    const args = [...process.execArgv, process.argv[1]!, 'verify', ...argv, '--report-file', file];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.pipe(process.stderr);
    const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)));
    try {
      process.stdout.write(readFileSync(file, 'utf8'));
    } catch {
      /* the child said why on stderr */
    }
    return code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function args(name: string, argv: string[]) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    process.stderr.write(`kyc-sandbox ${name}: ${(err as Error).message}\n\n${PACT_HELP}`);
    return undefined;
  }
}

/** The verifier module, or undefined (after saying why) when Pact is not installed. */
async function loadVerifier() {
  try {
    await import('@pact-foundation/pact');
    return await import('../pact/verify.js');
  } catch (err) {
    // Pact is an optional peer dependency: teams that write pacts have it; the sandbox does not ship it.
    const missing = /@pact-foundation\/pact/.test((err as Error).message);
    process.stderr.write(
      missing
        ? 'kyc-sandbox verify needs Pact, an optional peer dependency of kyc-sandbox. Install it beside it:\n  npm install --save-dev @pact-foundation/pact\n'
        : `kyc-sandbox verify: ${(err as Error).message}\n`,
    );
    return undefined;
  }
}

async function verify(argv: string[]): Promise<number> {
  const parsed = args('verify', argv);
  if (!parsed) return 2;
  if (parsed.values.help) {
    process.stdout.write(PACT_HELP);
    return 0;
  }
  const port = parsed.values.port === undefined ? undefined : Number(parsed.values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    process.stderr.write(`kyc-sandbox verify: --port must be 0–65535\n`);
    return 2;
  }
  const reportFile = parsed.values['report-file'];
  if (parsed.values.json && !reportFile) return jsonInChild(argv);
  if (parsed.positionals.length === 0) {
    process.stderr.write(
      `kyc-sandbox verify: name at least one pact file or folder\n\n${PACT_HELP}`,
    );
    return 2;
  }
  const mod = await loadVerifier();
  if (!mod) return 2;
  let report;
  try {
    report = await mod.verifyPacts({
      paths: parsed.positionals,
      provider: parsed.values.provider,
      port,
      publicUrl: parsed.values['public-url'],
      state: parsed.values.state,
    });
  } catch (err) {
    process.stderr.write(`kyc-sandbox verify: ${(err as Error).message}\n`);
    return 2;
  }
  const { formatReport } = await import('../pact/report.js');
  if (reportFile) writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(formatReport(report));
  return report.ok ? 0 : 1;
}

function states(argv: string[]): number {
  const parsed = args('states', argv);
  if (!parsed) return 2;
  if (parsed.values.help) {
    process.stdout.write(PACT_HELP);
    return 0;
  }
  const only = parsed.values.provider;
  if (only && !providers.some((p) => p.name === only)) {
    process.stderr.write(
      `kyc-sandbox states: no provider "${only}" (${providers.map((p) => p.name).join(', ')})\n`,
    );
    return 2;
  }
  const entries = stateCatalogue(providers, only);
  process.stdout.write(
    parsed.values.json ? `${JSON.stringify(entries, null, 2)}\n` : formatCatalogue(entries),
  );
  return 0;
}

/** The contract-testing commands, or undefined when `name` is not one of them. */
export function pactCommand(name: string, argv: string[]): Promise<number> | undefined {
  if (name === 'verify') return verify(argv);
  if (name === 'states') return Promise.resolve(states(argv));
  return undefined;
}
