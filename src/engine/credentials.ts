// What a provider tells its users about itself: the credentials it takes (fixture and
// self-service), its options and its magic values. define-provider.ts re-exports these.

export interface OptionSpec {
  default: string;
  description: string;
  choices?: readonly string[];
  /** 'duration' accepts 90s, 15m, 24h, 7d; 'int' a whole number. */
  type?: 'duration' | 'int' | 'string';
}

export interface Credential {
  header: string;
  value: string;
  note: string;
  /** The tenant this credential selects, when it is not the value itself (gu1's organization, Faceki's client). */
  tenant?: string;
}

/** A fresh self-service credential: the tenant it names, and what a client sends. */
export interface SelfServiceCredential {
  /** The tenant it names: `sb.tenant(provider, tenant)`. */
  tenant: string;
  /**
   * What a client sends, under the vendor's own names: headers for most vendors (partner-api-key,
   * authorization with x-organization-id, …); the token endpoint's fields for a vendor whose
   * credentials are exchanged for a token (clientId, clientSecret).
   */
  credentials: Readonly<Record<string, string>>;
}

export interface MagicValue {
  field: string;
  value: string;
  effect: string;
}
