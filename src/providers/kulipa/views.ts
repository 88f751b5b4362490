// Kulipa's response bodies: user, user page, KYC, KYC export, webhook settings, public key.
import type { Kit } from '../../engine/index.js';
import { statusOf } from './lifecycle.js';
import type {
  DocumentType,
  KulipaUser,
  Kyc,
  KycIdentity,
  WebhookKey,
  WebhookSettings,
} from './records.js';

/** The public view: the SDK's User model (no wallet, no pending information request). */
export function userView(user: KulipaUser) {
  const { wallet: _wallet, informationRequest: _asked, ...rest } = user;
  return rest;
}

/** GET /v1/users: {page, count, hasMore, items}, pages counted from 0. */
export function userPage(all: readonly KulipaUser[], page: number, limit: number) {
  const items = all.slice(page * limit, page * limit + limit).map(userView);
  return { page, count: items.length, hasMore: (page + 1) * limit < all.length, items };
}

/** The KYC with its status as of now and the URL of its webview (the stored identity stays inside). */
export function kycView(kit: Kit, kyc: Kyc) {
  return {
    id: kyc.id,
    userId: kyc.userId,
    type: kyc.type,
    status: statusOf(kyc, kit.now()),
    url: kit.hostedUrl(kyc.id),
    redirectUri: kyc.redirectUri,
    requestedInformation: kyc.requestedInformation ?? null,
    declineReason: kyc.declineReason,
    createdAt: kyc.createdAt,
    updatedAt: kyc.updatedAt,
    expiresAt: kyc.expiresAt,
    submittedAt: kyc.submittedAt,
    completedAt: kyc.completedAt,
  };
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
const DOCUMENT_TYPES: readonly DocumentType[] = ['passport', 'id_card', 'driving_licence'];

/**
 * What the identity check finds for this user and KYC: the user's own details where Kulipa has them,
 * the rest faker-filled, seeded by the KYC id. Dates come from the KYC's creation and fixed bounds,
 * never from "now", so the hosted page (before the decision) and the export (after) agree.
 */
export function identityOf(kit: Kit, user: KulipaUser, kyc: Kyc): KycIdentity {
  const at = Date.parse(kyc.createdAt);
  const found = kit.fake(`kulipa:export:${kyc.id}`, (f) => ({
    dateOfBirth: day(
      f.date.between({ from: Date.UTC(1950, 0, 1), to: Date.UTC(2004, 11, 31) }).getTime(),
    ),
    street1: f.location.streetAddress(),
    city: f.location.city(),
    zipCode: f.location.zipCode(),
    type: f.helpers.arrayElement(DOCUMENT_TYPES),
    number: f.string.alphanumeric({ length: 9, casing: 'upper' }),
    issuedDate: day(f.date.between({ from: at - 9 * YEAR_MS, to: at - YEAR_MS }).getTime()),
  }));
  // Several given names are one firstName (the SDK joins them with spaces): the first is `first`.
  const [first, ...middle] = user.firstName.trim().split(/\s+/);
  const a = user.address;
  return {
    name: { first: first ?? user.firstName, middle: middle.join(' ') || null, last: user.lastName },
    emailAddress: user.email,
    phoneNumber: user.phone ? `${user.phone.country}${user.phone.number}` : null,
    dateOfBirth: user.dateOfBirth ?? found.dateOfBirth,
    address: a
      ? {
          street1: a.address1,
          street2: a.address2 ?? null,
          city: a.city,
          state: a.state ?? null,
          zipCode: a.postalCode,
          country: a.country,
        }
      : {
          street1: found.street1,
          street2: null,
          city: found.city,
          state: null,
          zipCode: found.zipCode,
          country: user.countryOfResidence,
        },
    identityDocument: {
      countryCode: user.countryOfBirth ?? user.countryOfResidence,
      type: found.type,
      number: found.number,
      issuedDate: found.issuedDate,
    },
  };
}

export const DOCUMENT_LABELS: Record<DocumentType, string> = {
  passport: 'Passport',
  id_card: 'Identity card',
  driving_licence: 'Driving licence',
};

const xml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!,
  );

/**
 * A picture of one side of the document as a self-contained data: URL (an SVG card with the found
 * details), so a back office can show it with no file server behind the sandbox.
 */
function documentImage(identity: KycIdentity, side: 'front' | 'back'): string {
  const doc = identity.identityDocument;
  const name = [identity.name.first, identity.name.middle, identity.name.last]
    .filter(Boolean)
    .join(' ');
  const lines =
    side === 'front'
      ? [
          name,
          `Born ${identity.dateOfBirth}`,
          `No. ${doc.number}`,
          `Issued ${doc.issuedDate ?? '—'}`,
        ]
      : [`No. ${doc.number}`, `${identity.address.city}, ${identity.address.country}`];
  const text = lines
    .map((l, i) => `<text x="24" y="${92 + i * 34}" font-size="20">${xml(l)}</text>`)
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="428" height="270" font-family="sans-serif">` +
    `<rect width="428" height="270" rx="16" fill="#ecfdf5" stroke="#0f766e" stroke-width="2"/>` +
    `<text x="24" y="44" font-size="18" fill="#0f766e">${xml(`${DOCUMENT_LABELS[doc.type]} · ${doc.countryCode ?? ''} · ${side} · SANDBOX`)}</text>` +
    `${text}</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * The KYC export (K4), in the fields kyc-export documents; "if available" fields are null when not.
 * A passport has no back side.
 */
export function exportView(identity: KycIdentity) {
  const doc = identity.identityDocument;
  return {
    name: identity.name,
    emailAddress: identity.emailAddress,
    phoneNumber: identity.phoneNumber,
    dateOfBirth: identity.dateOfBirth,
    address: identity.address,
    identityDocument: {
      countryCode: doc.countryCode,
      type: doc.type,
      number: doc.number,
      documentFront: documentImage(identity, 'front'),
      documentBack: doc.type === 'passport' ? null : documentImage(identity, 'back'),
      issuedDate: doc.issuedDate,
    },
  };
}
