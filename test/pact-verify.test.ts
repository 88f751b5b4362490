// Provider verification: every pact in contracts/*/pacts/ replayed against a real listening sandbox,
// with each provider's states, on each state backend (test/backends.ts): states seed through the
// store, and clocks, fault rules, rate limits and idempotency records live in it. A provider added
// later is covered once it has pacts and states.
import { existsSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/engine/index.js';
import { pactsDir } from '../src/pact/consumer.js';
import { verifyPacts, type VerifyReport } from '../src/pact/verify.js';
import { providers } from '../src/providers/index.js';
import { describeOnEachBackend } from './backends.js';

const pactFiles = providers.flatMap((p) =>
  existsSync(pactsDir(p.name))
    ? readdirSync(pactsDir(p.name))
        .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
        .map((f) => ({ provider: p.name, file: `${pactsDir(p.name)}/${f}` }))
    : [],
);

// Once: what is committed, not how a sandbox answers.
describe('the committed pacts', () => {
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
});

describeOnEachBackend('provider verification', (backend) => {
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyPacts({ paths: pactFiles.map((f) => f.file), state: backend.state() });
  }, 90_000);

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
