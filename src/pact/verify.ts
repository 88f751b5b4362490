// Verifies pact files against an in-process sandbox: one Pact Verifier per file, state handlers from
// the providers' catalogues, webhooks as message providers. Knows no vendor: it loops over the registry.
import type { VerifierOptions } from '@pact-foundation/pact';
import type { ProviderModule } from '../engine/index.js';
import { providers as registry } from '../providers/index.js';
import { startHarness, type Harness } from './harness.js';
import { withoutCaCertificates } from './no-ca-certificates.js';
import { nearestStates, resolveState, unknownParams } from './state-match.js';
import {
  allInteractions,
  isMessage,
  loadPacts,
  statesOf,
  type PactFile,
  type PactInteraction,
} from './pact-file.js';

export interface InteractionReport {
  description: string;
  ok: boolean;
  /** PactV4 `pending`: reported, but never fails the run. */
  pending: boolean;
  problems: string[];
  /** Not failures: a state outside the catalogue, an unknown state parameter. */
  warnings: string[];
}

export interface FileReport {
  path: string;
  consumer: string;
  /** The provider name the pact file gives. */
  pactProvider: string;
  /** The sandbox provider it was verified against (null: none matched). */
  provider: string | null;
  interactions: InteractionReport[];
  /** A failure of the whole file (no provider, verifier crash). */
  error: string | null;
}

export interface VerifyReport {
  ok: boolean;
  files: FileReport[];
  /** Sandbox answers outside the sandbox's own contract (a sandbox bug, reported so it is not hidden). */
  contractViolations: string[];
}

export interface VerifyOptions {
  /** Pact files and folders of pact files. */
  paths: readonly string[];
  /** Verify every file against this provider, whatever name the pact gives. */
  provider?: string;
  providers?: readonly ProviderModule[];
  /** Where the sandbox listens (default: a free port). */
  port?: number;
  /** The base of the links the sandbox hands out (default: where it listens). */
  publicUrl?: string;
  /** The state backend the sandbox under verification runs on (default memory). */
  state?: string;
}

/** The sandbox provider a pact names: exact (any case), or the name inside a longer one ("kulipa-api"). */
export function providerFor(
  pactProvider: string,
  available: readonly ProviderModule[],
  override?: string,
): ProviderModule | undefined {
  if (override) return available.find((p) => p.name === override.toLowerCase());
  const name = pactProvider.toLowerCase();
  return (
    available.find((p) => p.name === name) ??
    available.find((p) => new RegExp(`(^|[^a-z0-9])${p.name}([^a-z0-9]|$)`).test(name))
  );
}

interface VerifierMismatch {
  type?: string;
  path?: string;
  mismatch?: string;
}
interface VerifierJson {
  errors?: {
    interaction: string;
    mismatch?: { message?: string; mismatches?: VerifierMismatch[] };
  }[];
  interactionResults?: { description: string; result: string }[];
}

/** Readable lines from the verifier's JSON mismatches: what differs, and where. */
function problemsOf(json: VerifierJson, description: string): string[] {
  return (json.errors ?? [])
    .filter((e) => e.interaction.endsWith(` - ${description}`) || e.interaction === description)
    .flatMap((e) =>
      e.mismatch?.mismatches?.length
        ? e.mismatch.mismatches
        : [{ mismatch: e.mismatch?.message ?? 'failed' }],
    )
    .map((m) => {
      const where =
        m.type === 'StatusMismatch'
          ? 'status'
          : m.type === 'BodyMismatch'
            ? `body ${m.path ?? '$'}`
            : m.type === 'HeaderMismatch'
              ? 'header'
              : m.type === 'MetadataMismatch'
                ? 'metadata'
                : (m.type ?? 'response');
      return `${where}: ${m.mismatch ?? 'mismatch'}`;
    });
}

const parseJson = (text: string): VerifierJson | null => {
  try {
    return JSON.parse(text) as VerifierJson;
  } catch {
    return null;
  }
};

// A message is the webhook the states made the provider send; an `event` state parameter picks one.
const eventOf = (i: PactInteraction) =>
  statesOf(i)
    .map((s) => s.params?.event)
    .find((e): e is string => typeof e === 'string');

function messageProviders(h: Harness, file: PactFile, p: ProviderModule) {
  return Object.fromEntries(
    allInteractions(file)
      .filter((i) => isMessage(i, file))
      .map((i) => [i.description, async () => h.lastWebhook(p.name, eventOf(i))]),
  );
}

/** The harness's state handlers, noting why a state failed: pact-js logs it and carries on, and the report should say it. */
function recordingStateHandlers(
  h: Harness,
  p: ProviderModule,
  names: readonly string[],
  stateErrors: Map<string, string>,
) {
  return Object.fromEntries(
    Object.entries(h.stateHandlers(p, names)).map(([name, handler]) => [
      name,
      {
        setup: (params?: unknown) =>
          handler.setup(params).catch((err: Error) => {
            stateErrors.set(name, err.message);
            throw err;
          }),
      },
    ]),
  );
}

const stateNames = (file: PactFile) => [
  ...new Set(allInteractions(file).flatMap((i) => statesOf(i).map((s) => s.name))),
];

/** The verifier's JSON results, or the crash message when it stopped without any. */
async function runVerifier(
  options: VerifierOptions,
): Promise<{ json: VerifierJson | null; crash: string | null }> {
  const { Verifier } = await import('@pact-foundation/pact');
  try {
    return {
      json: parseJson(String(await new Verifier(options).verifyProvider())),
      crash: null,
    };
  } catch (err) {
    const json = parseJson((err as Error).message);
    return { json, crash: json ? null : (err as Error).message };
  }
}

interface Outcome {
  p: ProviderModule;
  json: VerifierJson | null;
  crash: string | null;
  results: Map<string, string>;
  stateErrors: Map<string, string>;
}

/** Warnings about the states an interaction names: unknown ones (with the nearest), unknown parameters. */
function stateWarnings(i: PactInteraction, p: ProviderModule): string[] {
  return statesOf(i).flatMap((s) => {
    const state = resolveState(p, s.name);
    if (state) return unknownParams(state, s.params ?? {}, s.name);
    const near = nearestStates(p, s.name);
    // Parameters are checked against the nearest state's: most likely the one meant.
    const params = unknownParams(resolveState(p, near[0] ?? ''), s.params ?? {}, s.name);
    const names = near.map((n) => `"${n}"`).join(', ');
    return [
      `provider state "${s.name}" is not in the ${p.name} catalogue (nearest: ${names}; kyc-sandbox states --provider ${p.name} lists them)`,
      ...params,
    ];
  });
}

function interactionReport(i: PactInteraction, o: Outcome): InteractionReport {
  const { p, json, crash } = o;
  const verified = o.results.get(i.description) === 'OK';
  const problems = [
    ...statesOf(i)
      .filter((s) => o.stateErrors.has(s.name))
      .map((s) => `provider state "${s.name}" failed to set up: ${o.stateErrors.get(s.name)}`),
    ...(json ? problemsOf(json, i.description) : []),
  ];
  if (!verified && problems.length === 0)
    problems.push(crash ? 'not verified: the verifier stopped' : 'not verified');
  return {
    description: i.description,
    ok: verified && problems.length === 0,
    pending: i.pending === true,
    problems,
    warnings: stateWarnings(i, p),
  };
}

async function verifyFile(h: Harness, file: PactFile, p: ProviderModule): Promise<FileReport> {
  const stateErrors = new Map<string, string>();
  const { json, crash } = await runVerifier({
    provider: file.provider,
    providerBaseUrl: `${h.url}/${p.name}`,
    pactUrls: [file.path],
    // States return plain JSON (ids, tokens); pact-js types that as JsonMap, which `unknown` values are not.
    stateHandlers: recordingStateHandlers(
      h,
      p,
      stateNames(file),
      stateErrors,
    ) as VerifierOptions['stateHandlers'],
    messageProviders: messageProviders(h, file, p),
    beforeEach: async () => h.reset(),
    logLevel: 'error',
  });
  const results = new Map((json?.interactionResults ?? []).map((r) => [r.description, r.result]));
  const outcome: Outcome = { p, json, crash, results, stateErrors };
  return {
    path: file.path,
    consumer: file.consumer,
    pactProvider: file.provider,
    provider: p.name,
    error: crash,
    interactions: allInteractions(file).map((i) => interactionReport(i, outcome)),
  };
}

export function verifyPacts(opts: VerifyOptions): Promise<VerifyReport> {
  return withoutCaCertificates(() => verifyAll(opts));
}

async function verifyAll(opts: VerifyOptions): Promise<VerifyReport> {
  const available = opts.providers ?? registry;
  const files = loadPacts(opts.paths);
  const h = await startHarness({
    providers: available,
    port: opts.port,
    publicUrl: opts.publicUrl,
    state: opts.state,
  });
  const reports: FileReport[] = [];
  try {
    for (const file of files) {
      const p = providerFor(file.provider, available, opts.provider);
      if (!p) {
        const names = available.map((a) => a.name).join(', ');
        const error = opts.provider
          ? `--provider ${opts.provider} is not a sandbox provider (${names})`
          : `pact names provider "${file.provider}", which matches none of ${names}; pass --provider <name>`;
        reports.push({
          path: file.path,
          consumer: file.consumer,
          pactProvider: file.provider,
          provider: null,
          interactions: [],
          error,
        });
        continue;
      }
      reports.push(await verifyFile(h, file, p));
    }
  } finally {
    await h.close();
  }
  const ok =
    reports.length > 0 &&
    reports.every((r) => r.error === null && r.interactions.every((i) => i.ok || i.pending)) &&
    h.sb.contractViolations.length === 0;
  return { ok, files: reports, contractViolations: [...h.sb.contractViolations] };
}
