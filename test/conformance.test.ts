// The conformance suite (test/suites/conformance.ts) over every registered provider, each
// authenticated through its own testing.ts (found by test/provider-auth.ts), on each state backend.
import { describe, expect, it } from 'vitest';
import { providers } from '../src/providers/index.js';
import { describeOnEachBackend } from './backends.js';
import { testSandbox } from './helpers.js';
import { providersWithoutTesting, testingOf } from './provider-auth.js';
import { conformanceSuite } from './suites/conformance.js';

describe('the registry', () => {
  it('gives every provider a testing export for the cross-provider suites', () => {
    expect(providersWithoutTesting(providers)).toEqual([]);
  });
});

describeOnEachBackend('', (backend) => {
  const sandbox = () => testSandbox({ state: backend.state() });
  for (const provider of providers)
    conformanceSuite(provider, testingOf(provider.name), { sandbox });
});
