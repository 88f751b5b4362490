// gu1's sandbox test taxIds: a listed entity's validation walks by itself to the mapped outcome.
import { readFixture } from '../../engine/index.js';
import type { MockOutcome } from './lifecycle.js';
import { normaliseTaxId } from './records.js';

// The validation gets no provider session. gu1's own table was not captured:
// fixtures/gu1/sandbox-taxids.json is the sandbox's, in the documented 99.990.00x style.
export interface SandboxTaxId {
  taxId: string;
  outcome: MockOutcome;
  description: string;
}

export const sandboxTaxIds = readFixture<SandboxTaxId[]>('gu1', 'sandbox-taxids.json');
const byKey = new Map(sandboxTaxIds.map((row) => [normaliseTaxId(row.taxId), row.outcome]));

/** The mapped outcome for an entity's normalised taxId key, if it is in the table. */
export const mockOutcomeFor = (taxIdKey: string | null): MockOutcome | undefined =>
  taxIdKey ? byKey.get(taxIdKey) : undefined;
