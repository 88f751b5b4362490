// Shared pieces of the consumer pact tests: a PactV4 that writes to a scratch folder and publishes
// the finished file atomically into contracts/<provider>/pacts/, and matchers for the vendors' formats.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { PROJECT_ROOT } from '../engine/index.js';

export const pactsDir = (provider: string) => resolve(PROJECT_ROOT, 'contracts', provider, 'pacts');

/**
 * A PactV4 for one consumer of one provider. Pact merges into an existing file, so it writes to an
 * empty scratch folder; `publish()` (in afterAll) renames the result into place, which is atomic, so
 * the verification suite running in parallel never reads a half-written pact.
 */
export function consumerPact(consumer: string, provider: string) {
  const scratch = mkdtempSync(join(tmpdir(), `pact-${provider}-`));
  const pact = new PactV4({ consumer, provider, dir: scratch, logLevel: 'error' });
  const file = `${consumer}-${provider}.json`;
  return {
    pact,
    publish() {
      const dir = pactsDir(provider);
      mkdirSync(dir, { recursive: true });
      const tmp = join(dir, `.${file}.${process.pid}.tmp`);
      writeFileSync(tmp, readFileSync(join(scratch, file)));
      renameSync(tmp, join(dir, file));
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

const { regex } = MatchersV3;

export const UUID_RE = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
export const ISO_RE = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$';
export const DATE_RE = '^\\d{4}-\\d{2}-\\d{2}$';

/** A UUID that varies per run. */
export const uuid = (example = '3f0c8a52-6d7e-4b1a-9c2d-5e8f7a6b4c3d') => regex(UUID_RE, example);
/** An ISO 8601 UTC instant as the sandbox writes it (Date.toISOString). */
export const isoTimestamp = (example = '2025-01-01T00:00:00.000Z') => regex(ISO_RE, example);
/** A calendar date. */
export const isoDate = (example = '1990-01-01') => regex(DATE_RE, example);
/** An http(s) URL. */
export const url = (example: string) => regex('^https?://\\S+$', example);
/** A lowercase hex digest of a given length (HMAC-SHA256: 64). */
export const hex = (length: number, example: string) => regex(`^[0-9a-f]{${length}}$`, example);

/**
 * fetch, then a moment for Pact's mock server to record the request it already answered: under
 * load it can report an answered request as "expected but not received" (pact-reference#535).
 */
export const settledFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  await new Promise((resolve) => setTimeout(resolve, 10));
  return res;
};
