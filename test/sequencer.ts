// The order test files start in (vitest.config.ts sequence.sequencer): on two cores a run ends when
// its last long file does, so the longest start first. Vitest's own order is the last run's durations
// when node_modules/.vite holds them, and file size when it does not (a fresh clone, CI), which
// starts these short-but-slow files (they replay pacts, drive a browser, start processes) last. They
// go first, longest first; the package and Docker files after the first few, by when the run's
// background build (test/release-build.ts) they wait for is nearly done. A file missing here keeps
// Vitest's order; measure with the JSON reporter before moving one.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST = [
  'test/pact-verify.test.ts',
  'test/pact-contract.test.ts',
  'test/browser/providers.test.ts',
  'test/multi-instance.test.ts',
  'test/conformance.test.ts',
  'test/package.test.ts',
  'src/providers/kulipa/client-errors.pact.test.ts',
  'test/dockerfile.test.ts',
  'test/pact-verify-ci.test.ts',
  'test/e2e.test.ts',
  'test/reliability.test.ts',
  'test/browser/dashboard.test.ts',
  'test/browser/reference.test.ts',
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOWEST.indexOf(relative(f.project.config.root, f.moduleId).replaceAll('\\', '/'));
      return i === -1 ? SLOWEST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
