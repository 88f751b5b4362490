// "Mine, another tenant's, or unknown": vendors document the two misses separately (Capa's 401
// "User is not associated with the partner" beside its 404), so every lookup by id asks both.
import type { Kit } from './define-provider.js';
import type { Row } from './store.js';

export interface OwnedMisses {
  /** No tenant of this provider holds the id. */
  unknown(): Error;
  /** Another tenant of this provider holds it (default: the same answer as unknown). */
  foreign?(): Error;
}

/** The record of this tenant with that id, or the vendor's error for whose it is instead. */
export function requireOwned<T extends Row>(
  kit: Kit,
  collection: string,
  id: string,
  misses: OwnedMisses,
): T {
  const row = kit.ns.get<T>(collection, id);
  if (row) return row;
  const owner = misses.foreign ? kit.ownerOf(id) : undefined;
  if (owner !== undefined && owner !== kit.tenant) throw misses.foreign!();
  throw misses.unknown();
}
