// `kyc-sandbox verify <pact file or folder…> [--provider p]` and `kyc-sandbox states [--provider p]`:
// both run in-process (no server needed). Pact itself is loaded only by verify, and only when run.
import { parseArgs } from 'node:util';
import { providers } from '../providers/index.js';
import { formatCatalogue, stateCatalogue } from '../pact/catalogue.js';

export const PACT_HELP = `Contract testing (in-process, no running sandbox needed):
  verify <pact file or folder…> [--provider p] [--json]
                verify your consumer pacts against a fresh sandbox; exit 1 on any mismatch
  states [--provider p] [--json]
                the provider states a pact may name in given(...)
`;

const OPTIONS = { provider: { type: 'string' as const }, json: { type: 'boolean' as const } };

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
    report = await mod.verifyPacts({ paths: parsed.positionals, provider: parsed.values.provider });
  } catch (err) {
    process.stderr.write(`kyc-sandbox verify: ${(err as Error).message}\n`);
    return 2;
  }
  const { formatReport } = await import('../pact/report.js');
  process.stdout.write(
    parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report),
  );
  return report.ok ? 0 : 1;
}

function states(argv: string[]): number {
  const parsed = args('states', argv);
  if (!parsed) return 2;
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
