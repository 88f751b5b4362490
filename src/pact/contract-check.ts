// Pact ↔ contract cross-check: every HTTP interaction of a pact against contracts/<name>/openapi.yaml,
// with @pactflow/swagger-mock-validator. A response field or status the contract lacks is an error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import yaml from 'js-yaml';

export interface Finding {
  /** The interaction's description, or the pact files when the finding is not about one. */
  interaction: string;
  /** The pact file it came from. */
  pact: string;
  code: string;
  message: string;
  /** Where in the contract (JSON path) the rule lives. */
  contract: string;
}

export interface ContractCheck {
  ok: boolean;
  errors: Finding[];
  /** Request-side findings on interactions that expect a 4xx: those requests are meant to be wrong. */
  expected: Finding[];
  warnings: Finding[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The validator parses OpenAPI 3.1, but adds its "no field the contract lacks" rule
 * (additionalProperties: false) only to schemas whose type is exactly "object". 3.1 writes a nullable
 * object as type: [object, 'null'] (and the validator turns 3.0's nullable into that same array before
 * the rule runs), so unknown fields inside nullable objects would pass unseen. Rewriting those schemas
 * as anyOf [object, null] restores the rule; other type arrays (e.g. [string, 'null']) it handles.
 */
export function toValidatorShape(node: Json): Json {
  if (Array.isArray(node)) return node.map(toValidatorShape);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) out[k] = toValidatorShape(v);
  const type = out.type;
  if (Array.isArray(type) && type.includes('object') && type.includes('null')) {
    const { type: _type, ...rest } = out;
    const others = type.filter((t) => t !== 'null' && t !== 'object');
    return {
      anyOf: [{ ...rest, type: 'object' }, { type: others.length ? [...others, 'null'] : 'null' }],
    };
  }
  return out;
}

interface ValidatorResult {
  code: string;
  message: string;
  type: 'error' | 'warning';
  mockDetails?: { location?: string; mockFile?: string };
  specDetails?: { location?: string };
}
interface ValidatorModule {
  SwaggerMockValidatorFactory: {
    create(): {
      validate(o: {
        specPathOrUrl: string;
        mockPathOrUrl: string;
      }): Promise<{ success: boolean; errors: ValidatorResult[]; warnings: ValidatorResult[] }>;
    };
  };
}

interface PactJson {
  interactions?: { description: string; type?: string; response?: { status?: number } }[];
  metadata?: unknown;
}

/**
 * Checks pacts (of one provider) against its contract. They are merged into one pact for a single
 * validator run: the validator re-validates the whole contract on every call, and that dominates.
 */
export async function checkPactsAgainstContract(
  pactPaths: readonly string[],
  contractPath: string,
): Promise<ContractCheck> {
  const { SwaggerMockValidatorFactory } =
    (await import('@pactflow/swagger-mock-validator')) as ValidatorModule;
  const sources = pactPaths.flatMap((path) => {
    const pact = JSON.parse(readFileSync(path, 'utf8')) as PactJson;
    // HTTP interactions only (messages have no place in an OpenAPI contract); filtering here keeps the
    // validator's interaction indexes equal to ours.
    return (pact.interactions ?? [])
      .filter((i) => !i.type || i.type === 'Synchronous/HTTP')
      .map((interaction) => ({ path, interaction, metadata: pact.metadata }));
  });
  const spec = toValidatorShape(yaml.load(readFileSync(contractPath, 'utf8')) as Json);
  // The validator reads files: the converted contract and the merged pact live in a scratch folder.
  const dir = mkdtempSync(join(tmpdir(), 'pact-contract-'));
  try {
    const specPath = join(dir, 'openapi.json');
    const mockPath = join(dir, 'pacts.json');
    writeFileSync(specPath, JSON.stringify(spec));
    const merged = {
      consumer: { name: 'merged' },
      provider: { name: 'merged' },
      interactions: sources.map((s) => s.interaction),
      metadata: sources[0]?.metadata ?? {},
    };
    writeFileSync(mockPath, JSON.stringify(merged));
    const result = await SwaggerMockValidatorFactory.create().validate({
      specPathOrUrl: specPath,
      mockPathOrUrl: mockPath,
    });
    const toFinding = (r: ValidatorResult): Finding & { status?: number } => {
      const index = /interactions\[(\d+)\]/.exec(r.mockDetails?.location ?? '')?.[1];
      const source = index === undefined ? undefined : sources[Number(index)];
      return {
        interaction: source?.interaction.description ?? pactPaths.join(', '),
        pact: source?.path ?? '',
        code: r.code,
        message: r.message,
        contract: r.specDetails?.location ?? '',
        status: source?.interaction.response?.status,
      };
    };
    const errors = result.errors.map(toFinding);
    const isExpected = (f: { code: string; status?: number }) =>
      f.code.startsWith('request.') && f.status !== undefined && f.status >= 400 && f.status < 500;
    const strip = ({ status: _status, ...f }: Finding & { status?: number }): Finding => f;
    const real = errors.filter((f) => !isExpected(f)).map(strip);
    return {
      ok: real.length === 0,
      errors: real,
      expected: errors.filter(isExpected).map(strip),
      warnings: result.warnings.map(toFinding).map(strip),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One readable line per finding: which interaction, what the contract says, where. */
export const describeFinding = (f: Finding) =>
  `${basename(f.pact)} "${f.interaction}": ${f.message}${f.contract ? ` (contract: ${f.contract})` : ''}`;
