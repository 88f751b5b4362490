// Every documented error row of every provider is pinned in its committed consumer pacts: for each
// row of the provider's error table, at least one HTTP interaction answers the row's exact status with
// the body the vendor's renderer gives it (placeholders such as {email} match any text). The pacts
// are checked against the contracts by pact-contract.test.ts, so a pinned row's status is one its
// contract declares exactly (a 5XX range alone does not pin a 500).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorRow, ProviderModule } from '../src/engine/index.js';
import { pactsDir } from '../src/pact/consumer.js';
import { providers } from '../src/providers/index.js';

interface Answer {
  description: string;
  status: number;
  body: unknown;
}

/** The HTTP answers of every committed pact of a provider (their example bodies). */
function answersOf(provider: string): Answer[] {
  const dir = pactsDir(provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .flatMap((f) => {
      const pact = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        interactions?: {
          description: string;
          type?: string;
          response?: { status: number; body?: { content?: unknown } };
        }[];
      };
      return (pact.interactions ?? [])
        .filter((i) => (!i.type || i.type === 'Synchronous/HTTP') && i.response)
        .map((i) => ({
          description: i.description,
          status: i.response!.status,
          body: i.response!.body?.content,
        }));
    });
}

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
/** A row's text with its {placeholders} as "any text". */
const template = (text: string) =>
  new RegExp(`^${escape(text).replace(/\\\{\w+\\\}/g, '.+')}$`, 's');

/**
 * Whether `actual` carries every leaf of `expected` at the same place: more fields are allowed, and an
 * empty object or array has no leaf to pin (Faceki's `data: {}`).
 */
function carries(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'string')
    return typeof actual === 'string' && template(expected).test(actual);
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Object.keys(expected).length === 0) return true;
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([k, v]) =>
    carries((actual as Record<string, unknown>)[k], v),
  );
}

/** The error-table rows no committed interaction answers, as "KEY status message". */
export function unpinnedRows(p: ProviderModule, answers = answersOf(p.name)): string[] {
  return Object.entries(p.errors as Record<string, ErrorRow>)
    .filter(([key, row]) => {
      const body = p.renderError(row, key);
      return !answers.some((a) => a.status === row.status && carries(a.body, body));
    })
    .map(([key, row]) => `${key} ${row.status} ${row.message}`);
}

describe.each(providers)('$name consumer pacts', (p) => {
  it('pin every row of its error table with its exact status and body', () => {
    expect(unpinnedRows(p)).toEqual([]);
  });
});

describe('the pinned-rows check', () => {
  const p = providers.find((x) => x.name === 'baanx')!;
  const row = p.errors.INVALID_ONBOARDING_ID!;
  const answer = (status: number, body: unknown) => [{ description: 'x', status, body }];

  it('fails for a row no interaction answers', () => {
    expect(unpinnedRows(p, [])).toContain(`INVALID_ONBOARDING_ID 400 ${row.message}`);
  });

  it('needs the exact status, and the message (a placeholder as any text)', () => {
    const only = (answers: Answer[]) =>
      unpinnedRows(p, answers).some((r) => r.startsWith('INVALID_ONBOARDING_ID '));
    expect(only(answer(400, { message: 'Invalid onboarding ID' }))).toBe(false);
    expect(only(answer(404, { message: 'Invalid onboarding ID' }))).toBe(true);
    expect(only(answer(400, { message: 'Invalid onboarding' }))).toBe(true);
    const step = p.errors.STEP_OUT_OF_ORDER!;
    const stepAnswer = answer(400, { message: 'verification requires phone verification first' });
    expect(unpinnedRows(p, stepAnswer)).not.toContain(`STEP_OUT_OF_ORDER 400 ${step.message}`);
  });
});
