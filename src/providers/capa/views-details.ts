// The KYC and KYB details bodies, with the values Capa's examples show (result PASSED, status
// APPROVED, fraud CLEAN, a 0–1 faceMatchScore, idType INE, statusReasons as {code, message}),
// faker-filled and seeded from the user id once a verification was submitted; nulls before, where
// Capa's docs say partial results are possible. The partner's own personalInfo is echoed back.
import type { Faker } from '@faker-js/faker';
import { readFixture, type Kit } from '../../engine/index.js';
import type { CapaStatus } from './lifecycle.js';
import { currentLink, type CapaLink, type CapaUser, type PersonalInfo } from './records.js';

/** States in which the person (or the partner, by upload) has submitted: results exist. */
const SUBMITTED: ReadonlySet<CapaStatus> = new Set(['VERIFIED', 'REJECTED', 'REVIEW_NEEDED']);

export type Check = 'idInfo' | 'faceLivenessInfo' | 'faceMatchInfo' | 'fraudInsights';
export interface DecisionReason {
  message: string;
  check: Check;
  code: string;
}

/** The reasons the hosted page offers, and the check and code each lands on. */
export const REASONS = readFixture<Record<'REJECTED' | 'REVIEW_NEEDED', DecisionReason[]>>(
  'capa',
  'reasons.json',
);

const DEFAULT_MESSAGE = {
  REJECTED: 'Verification rejected',
  REVIEW_NEEDED: 'Manual review needed',
};

/** Where a decision's reason lands: a listed reason on its check, any other on idInfo (code OTHER). */
export function reasonOf(status: CapaStatus, reason: string | null): DecisionReason | null {
  if (status !== 'REJECTED' && status !== 'REVIEW_NEEDED') return null;
  const listed = REASONS[status].find((r) => r.message === reason);
  return listed ?? { message: reason ?? DEFAULT_MESSAGE[status], check: 'idInfo', code: 'OTHER' };
}

type Outcome = 'passed' | 'failed' | 'review';
// Documented: PASSED/APPROVED, and CLEAN for fraud. The failing and review counterparts are the
// sandbox's, in the same style.
const RESULT: Record<Outcome, string> = { passed: 'PASSED', failed: 'FAILED', review: 'REVIEW' };
const FRAUD_RESULT: Record<Outcome, string> = {
  passed: 'CLEAN',
  failed: 'FLAGGED',
  review: 'SUSPICIOUS',
};
const STATUS: Record<Outcome, string> = {
  passed: 'APPROVED',
  failed: 'DECLINED',
  review: 'REVIEW_NEEDED',
};

/** A check fails (or waits for review) when the decision's reason concerns it; the others passed. */
const outcomeOf = (check: Check, status: CapaStatus, reason: DecisionReason | null): Outcome =>
  reason?.check !== check ? 'passed' : status === 'REJECTED' ? 'failed' : 'review';

function check(check: Check, status: CapaStatus, reason: DecisionReason | null) {
  const outcome = outcomeOf(check, status, reason);
  return {
    result: (check === 'fraudInsights' ? FRAUD_RESULT : RESULT)[outcome],
    status: STATUS[outcome],
    statusReasons: outcome === 'passed' ? [] : [{ code: reason!.code, message: reason!.message }],
    warnings: [],
  };
}

const PROFESSIONS = [
  'Employee',
  'Public Servant',
  'Entrepreneur or Contractor',
  'Student',
  'Other',
];

const media = (sessionId: string, name: string) =>
  `https://media.sandbox.invalid/capa/${sessionId}/${name}`;

/** Which identity document a verification read: the partner's documentType, else the country's usual one. */
function idTypeOf(f: Faker, country: string | null, documentType: string | null | undefined) {
  if (documentType) return country === 'MX' && documentType === 'VOTER_ID' ? 'INE' : documentType;
  if (country === 'MX') return 'INE'; // Mexico's voter credential, as in Capa's example
  if (country === 'DO') return 'CEDULA';
  return f.helpers.arrayElement(['PASSPORT', 'NATIONAL_ID']);
}

/** A Mexican RFC shape (LOZG7802117B9) for MX, else a plain tax number. */
const taxIdOf = (f: Faker, country: string | null, birthDate: string) =>
  country === 'MX'
    ? `${f.string.alpha({ length: 4, casing: 'upper' })}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${f.string.alphanumeric({ length: 3, casing: 'upper' })}`
    : f.string.numeric(9);

const phoneOf = (f: Faker, country: string | null) =>
  country === 'MX'
    ? `+52${f.string.numeric(10)}`
    : country === 'DO' || country === 'US'
      ? `+1${f.string.numeric(10)}`
      : `+${f.string.numeric({ length: 11, allowLeadingZeros: false })}`;

/** The session a details body names: vs_ and the link's (or upload's) id. */
const sessionIdOf = (linkId: string | null) =>
  `vs_${linkId?.replace(/-/g, '').slice(0, 16) ?? 'none'}`;

/** The invented identity, seeded from the user id: the same person on every read and on the page. */
function person(kit: Kit, user: CapaUser) {
  const v = user.kyc;
  return kit.fake(`capa:kyc:${user.userId}`, (f) => {
    const birthDate = f.date
      .birthdate({ mode: 'age', min: 18, max: 80, refDate: Date.UTC(2025, 0, 1) })
      .toISOString()
      .slice(0, 10);
    return {
      fullName: f.person.fullName(),
      birthDate,
      gender: f.helpers.arrayElement(['M', 'F']),
      idType: idTypeOf(f, v.country, v.documentType),
      idNumber: `${f.string.alpha({ casing: 'upper' })}${f.string.numeric(8)}`,
      personalInfo: {
        profession: f.helpers.arrayElement(PROFESSIONS),
        phoneNumber: phoneOf(f, v.country),
        birthCountry: v.country ?? 'MX',
        taxId: taxIdOf(f, v.country, birthDate),
      } satisfies PersonalInfo,
      faceMatchScore: {
        passed: f.number.float({ min: 0.86, max: 0.99, fractionDigits: 2 }),
        review: f.number.float({ min: 0.6, max: 0.75, fractionDigits: 2 }),
        failed: f.number.float({ min: 0.2, max: 0.55, fractionDigits: 2 }),
      },
      watchlistId: f.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' }),
      nameMatchScore: f.number.float({ min: 0.85, max: 0.98, fractionDigits: 2 }),
    };
  });
}

/** What the KYC provider found once the person (or the partner) submitted. */
function kycResults(kit: Kit, user: CapaUser, sessionId: string) {
  const v = user.kyc;
  const p = person(kit, user);
  const reason = reasonOf(v.status, v.reason);
  const watchlist = reason?.code === 'WATCHLIST_MATCH';
  return {
    faceLivenessInfo: check('faceLivenessInfo', v.status, reason),
    faceMatchInfo: {
      faceMatchScore: p.faceMatchScore[outcomeOf('faceMatchInfo', v.status, reason)],
      ...check('faceMatchInfo', v.status, reason),
    },
    fraudInsights: check('fraudInsights', v.status, reason),
    idInfo: {
      fullName: p.fullName,
      birthDate: p.birthDate,
      gender: p.gender,
      nationality: v.country,
      idNumber: p.idNumber,
      idType: p.idType,
      ...check('idInfo', v.status, reason),
    },
    amlInfo: {
      numHits: watchlist ? 1 : 0,
      entityHits: watchlist
        ? [
            {
              entityType: 'person',
              name: p.fullName,
              nameMatchScore: p.nameMatchScore,
              alsoKnownAs: [],
              amlHits: [],
              dateOfBirth: p.birthDate,
              dateOfBirthMatchScore: 1,
              id: p.watchlistId,
              resolutionStatus: 'UNRESOLVED',
            },
          ]
        : [],
    },
    media: {
      frontIdImageUrl: media(sessionId, 'front-id.jpg'),
      backIdImageUrl: media(sessionId, 'back-id.jpg'),
      selfieImageUrl: media(sessionId, 'selfie.jpg'),
      selfieVideoUrl: media(sessionId, 'selfie.mp4'),
    },
  };
}

/** GET /kyc/details: aipriseSummary.verificationResult is the user's KYC status. */
export function kycDetails(kit: Kit, user: CapaUser) {
  const v = user.kyc;
  const link = currentLink(kit, user, 'kyc');
  const sessionId = sessionIdOf(v.linkId);
  const given = v.personalInfo ?? null;
  const submitted = SUBMITTED.has(v.status);
  const base = {
    aipriseSummary: { verificationResult: v.status },
    clientReferenceId: user.userId,
    verificationSessionId: sessionId,
    createdAt: link ? kit.iso(link.createdAt) : null,
    // What the partner sent is on record at once; otherwise the provider's reading, once submitted.
    clientReferenceData:
      given || submitted ? { personalInfo: given ?? person(kit, user).personalInfo } : null,
  };
  if (!submitted)
    return {
      ...base,
      faceLivenessInfo: null,
      faceMatchInfo: null,
      fraudInsights: null,
      idInfo: null,
      amlInfo: null,
      media: null,
    };
  return { ...base, ...kycResults(kit, user, sessionId) };
}

/** The business and its owners, seeded from the user id: the same on every read and on the page. */
export function business(kit: Kit, user: CapaUser) {
  const country = user.kyb.country;
  return kit.fake(`capa:kyb:${user.userId}`, (f) => {
    const owners = f.helpers.arrayElement([[100], [60, 40], [50, 25, 25], [40, 35, 25]]);
    return {
      businessInfo: {
        businessName: f.company.name(),
        countryOfConstitution: country,
        taxId:
          country === 'MX'
            ? `${f.string.alpha({ length: 3, casing: 'upper' })}${f.string.numeric(6)}${f.string.alphanumeric({ length: 3, casing: 'upper' })}`
            : f.string.numeric(9),
      },
      beneficialOwners: owners.map((ownershipPercent) => ({
        fullName: f.person.fullName(),
        ownershipPercent,
      })),
    };
  });
}

/**
 * GET /kyb/details: the documented body, plus the `sessionUrl` the page's notes name ("a URL to
 * resume an in-progress KYB session, if available"), null once the link is used or expired.
 */
export function kybDetails(kit: Kit, user: CapaUser, link: CapaLink | undefined, live: boolean) {
  const v = user.kyb;
  const found = SUBMITTED.has(v.status) ? business(kit, user) : null;
  return {
    verificationStatus: v.status,
    businessInfo: found?.businessInfo ?? null,
    beneficialOwners: found?.beneficialOwners ?? [],
    verificationSessionId: sessionIdOf(v.linkId),
    createdAt: link ? kit.iso(link.createdAt) : null,
    sessionUrl: link && live ? kit.hostedUrl(link.id) : null,
  };
}
