// Provider verification: every pact in contracts/*/pacts/ replayed against a real listening sandbox,
// with each provider's states. A provider added later is covered once it has pacts and states. The
// state backends are covered by the conformance suite on each (test/backends.ts); here the memory
// one, as a team runs it (three full verifications would cost the suite 20 s).
import { existsSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/engine/index.js';
import { pactsDir } from '../src/pact/consumer.js';
import { verifyPacts, type VerifyReport } from '../src/pact/verify.js';
import { providers } from '../src/providers/index.js';

const pactFiles = providers.flatMap((p) =>
  existsSync(pactsDir(p.name))
    ? readdirSync(pactsDir(p.name))
        .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
        .map((f) => ({ provider: p.name, file: `${pactsDir(p.name)}/${f}` }))
    : [],
);

describe('provider verification', () => {
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyPacts({ paths: pactFiles.map((f) => f.file) });
  }, 90_000);

  it.each(providers.map((p) => p.name))('%s has a state catalogue and committed pacts', (name) => {
    expect(
      providers.find((p) => p.name === name)?.states?.length,
      `${name}: states.ts`,
    ).toBeGreaterThan(0);
    expect(
      pactFiles.filter((f) => f.provider === name).length,
      `${name}: contracts/${name}/pacts/`,
    ).toBeGreaterThan(0);
  });

  it.each(pactFiles.map((f) => relative(PROJECT_ROOT, f.file)))(
    'the sandbox honours %s',
    (file) => {
      const r = report.files.find((f) => relative(PROJECT_ROOT, f.path) === file);
      expect(r?.error ?? null).toBeNull();
      const failures = (r?.interactions ?? [])
        .filter((i) => !i.ok)
        .map((i) => `${i.description}: ${i.problems.join('; ')}`);
      expect(failures).toEqual([]);
      expect(r?.interactions.length).toBeGreaterThan(0);
    },
  );

  it('answers every replayed request within its own contracts', () => {
    expect(report.contractViolations).toEqual([]);
  });

  it('uses only states that are in the catalogue', () => {
    expect(report.files.flatMap((f) => f.interactions.flatMap((i) => i.warnings))).toEqual([]);
  });
});
