// The conformance suite (test/suites/conformance.ts) over every registered provider, each
// authenticated through its own testing.ts (found by test/provider-auth.ts), on each state backend.
import { describe, expect, it } from 'vitest';
import { providers } from '../src/providers/index.js';
import { testBackends } from './backends.js';
import { testSandbox } from './helpers.js';
import { providersWithoutTesting, testingOf } from './provider-auth.js';
import { conformanceSuite } from './suites/conformance.js';

describe('the registry', () => {
  it('gives every provider a testing export for the cross-provider suites', () => {
    expect(providersWithoutTesting(providers)).toEqual([]);
  });
});

for (const backend of testBackends()) {
  if (backend.skip) console.warn(backend.skip);
  describe.skipIf(backend.skip)(`on ${backend.name} state`, () => {
    const sandbox = () => testSandbox({ state: backend.state() });
    for (const provider of providers)
      conformanceSuite(provider, testingOf(provider.name), { sandbox });
  });
}
