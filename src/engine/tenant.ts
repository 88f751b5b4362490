// A tenant is one credential of one provider: the unit the store, journal, faults, webhooks and
// clock are partitioned by. One key type, one encoding, one filter rule for all of them.

export interface TenantRef {
  readonly provider: string;
  readonly tenant: string;
}

/** A selection of tenants: everything, one provider's, or one tenant (a tenant needs its provider). */
export interface TenantFilter {
  provider?: string;
  tenant?: string;
}

/** The one encoding of a tenant as a string key ("capa:<credential>"), used by every partition. */
export const tenantKey = (ref: TenantRef): string => `${ref.provider}:${ref.tenant}`;

export const inFilter = (filter: TenantFilter, ref: TenantRef): boolean =>
  (filter.provider === undefined || filter.provider === ref.provider) &&
  (filter.tenant === undefined || filter.tenant === ref.tenant);

/** Whether a filter names no tenant at all (it selects everything). */
export const selectsAll = (filter: TenantFilter): boolean =>
  filter.provider === undefined && filter.tenant === undefined;
