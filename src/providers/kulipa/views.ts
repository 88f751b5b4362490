// Kulipa's response bodies: user, user page, KYC, KYC export, webhook settings, public key.
import type { Kit } from '../../engine/index.js';
import { statusOf } from './lifecycle.js';
import type { KulipaUser, Kyc, WebhookKey, WebhookSettings } from './records.js';

/** The public view: everything but the wallet, which the SDK's User model does not carry. */
export function userView(user: KulipaUser) {
  const { wallet: _wallet, ...rest } = user;
  return rest;
}

/** GET /v1/users: {page, count, hasMore, items}, pages counted from 0. */
export function userPage(all: readonly KulipaUser[], page: number, limit: number) {
  const items = all.slice(page * limit, page * limit + limit).map(userView);
  return { page, count: items.length, hasMore: (page + 1) * limit < all.length, items };
}

/** The KYC with its status as of now and the URL of its webview. */
export function kycView(kit: Kit, kyc: Kyc) {
  return { ...kyc, status: statusOf(kyc, kit.now()), url: kit.hostedUrl(kyc.id) };
}

export const settingsView = (s: WebhookSettings, keyId: string) => ({
  url: s.url,
  keyId,
  updatedAt: s.updatedAt,
});

/** GET /v1/webhooks/keys/{keyId}: the public half only. */
export const keyView = (k: WebhookKey) => ({
  id: k.id,
  algorithm: k.algorithm,
  publicKey: k.publicKey,
  createdAt: k.createdAt,
  updatedAt: k.updatedAt,
});

const YEAR_MS = 365.25 * 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What the identity check found, faker-filled and seeded by the KYC id (the shape is undocumented). */
function foundBy(kit: Kit, user: KulipaUser, kyc: Kyc, at: number) {
  const country = user.countryOfBirth ?? user.countryOfResidence;
  // Dates come from fixed bounds or the verification time, never from "now", so replays match.
  return kit.fake(`kulipa:export:${kyc.id}`, (f) => {
    const issued = f.date.between({ from: at - 9 * YEAR_MS, to: at - YEAR_MS }).getTime();
    return {
      dateOfBirth: day(
        f.date.between({ from: Date.UTC(1950, 0, 1), to: Date.UTC(2004, 11, 31) }).getTime(),
      ),
      address: {
        address1: f.location.streetAddress(),
        postalCode: f.location.zipCode(),
        city: f.location.city(),
        country: user.countryOfResidence,
      },
      document: {
        type: f.helpers.arrayElement(['passport', 'id_card', 'driving_license'] as const),
        number: f.string.alphanumeric({ length: 9, casing: 'upper' }),
        issuingCountry: country,
        issueDate: day(issued),
        expiryDate: day(issued + 10 * YEAR_MS),
      },
    };
  });
}

/** The KYC export (K4): what the user already told Kulipa, around what the identity check found. */
export function exportOf(kit: Kit, user: KulipaUser, kyc: Kyc) {
  const verifiedAt = kyc.completedAt ?? kyc.updatedAt;
  const found = foundBy(kit, user, kyc, Date.parse(verifiedAt));
  return {
    userId: user.id,
    kycId: kyc.id,
    type: kyc.type,
    status: 'verified' as const,
    verifiedAt,
    identity: {
      firstName: user.firstName,
      lastName: user.lastName,
      dateOfBirth: user.dateOfBirth ?? found.dateOfBirth,
      nationality: user.countryOfBirth ?? user.countryOfResidence,
      countryOfResidence: user.countryOfResidence,
      address: user.address ?? found.address,
    },
    document: found.document,
    checks: { document: 'passed', selfie: 'passed', watchlist: 'clear' },
  };
}
