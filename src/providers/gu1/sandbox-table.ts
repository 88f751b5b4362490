// gu1's sandbox test map: an entity whose normalised taxId is listed gets a validation with no
// provider session that moves by itself to the mapped outcome. gu1's own table was not captured;
// fixtures/gu1/sandbox-taxids.json is the sandbox's, in the documented 99.990.00x style.
import { readFixture } from '../../engine/index.js';
import { normaliseTaxId, type MockOutcome } from './lifecycle.js';

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
