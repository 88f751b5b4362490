// The API shapes of entities and validations; verification results are faker-filled once completed.
import type { Faker } from '@faker-js/faker';
import type { Kit } from '../../engine/index.js';
import { COMPLETED, optionsOf } from './lifecycle.js';
import { findEntity, type Gu1Entity, type Gu1Validation } from './records.js';

// Results (decision, documents, biometrics, risk, extracted data) are seeded from the validation
// id and filled once a validation is completed (in_review, approved, rejected); before that they
// are null or empty. Names and the document number come from the entity when it has them.

/**
 * The entity as gu1 returns it (internal keys dropped). `nationality` is the root copy of
 * entityData.person.nationality (entities/get: "denormalized; may be null"); `currentEvaluation`
 * stays null because the sandbox runs no AI evaluations.
 */
export function entityView(e: Gu1Entity) {
  const { taxIdKey: _key, createdAt, updatedAt, deletedAt, ...rest } = e;
  const person = e.entityData.person;
  const given = person && typeof person === 'object' ? (person as Record<string, unknown>) : {};
  const nationality =
    typeof given.nationality === 'string' && /^[A-Za-z]{2}$/.test(given.nationality)
      ? given.nationality.toUpperCase()
      : null;
  return { ...rest, nationality, currentEvaluation: null, createdAt, updatedAt, deletedAt };
}

type Person = ReturnType<typeof personOf>;

function personOf(entity: Gu1Entity | undefined, f: Faker) {
  const person = (entity?.entityData.person ?? {}) as Record<string, unknown>;
  const [first, ...rest] = (entity?.name ?? '').split(/\s+/).filter(Boolean);
  return {
    firstName:
      typeof person.firstName === 'string' ? person.firstName : (first ?? f.person.firstName()),
    lastName:
      typeof person.lastName === 'string' ? person.lastName : rest.join(' ') || f.person.lastName(),
    dateOfBirth:
      typeof person.dateOfBirth === 'string'
        ? person.dateOfBirth
        : f.date
            .birthdate({ mode: 'age', min: 18, max: 80, refDate: Date.UTC(2025, 0, 1) })
            .toISOString()
            .slice(0, 10),
    nationality:
      typeof person.nationality === 'string' ? person.nationality : (entity?.countryCode ?? 'AR'),
    documentNumber: entity?.taxId ?? f.string.numeric(8),
    country: entity?.countryCode ?? 'AR',
  };
}

const WARNINGS = {
  approved: [] as string[],
  in_review: ['POSSIBLE_DUPLICATED_USER'],
  rejected: ['LOW_FACE_MATCH_SIMILARITY', 'DOCUMENT_EXPIRED'],
  rejected_renaper: ['RENAPER_DATA_MISMATCH'],
};
type Kind = keyof typeof WARNINGS;
type DocType = 'national_id' | 'passport';

/** What the seeded draws decided, in the order they are drawn (the order keeps results stable). */
interface Draws {
  p: Person;
  docType: DocType;
  faceScore: number;
  liveness: number;
  extractedData: ReturnType<typeof extractedOf>;
  riskScore: number;
}

function extractedOf(f: Faker, p: Person, docType: DocType, kind: Kind) {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    fullName: `${p.firstName} ${p.lastName}`,
    dateOfBirth: p.dateOfBirth,
    nationality: p.nationality,
    gender: f.helpers.arrayElement(['M', 'F']),
    documentType: docType,
    documentNumber: p.documentNumber,
    // A DOCUMENT_EXPIRED rejection shows a document that did expire.
    documentExpirationDate: (WARNINGS[kind].includes('DOCUMENT_EXPIRED')
      ? f.date.past({ years: 3, refDate: Date.UTC(2025, 0, 1) })
      : f.date.future({ years: 8, refDate: Date.UTC(2025, 0, 1) })
    )
      .toISOString()
      .slice(0, 10),
    address: f.location.streetAddress({ useFullAddress: true }),
  };
}

function draw(f: Faker, entity: Gu1Entity | undefined, passed: boolean, kind: Kind): Draws {
  const p = personOf(entity, f);
  const docType = f.helpers.arrayElement(['national_id', 'passport'] as const);
  const faceScore = passed
    ? f.number.int({ min: 86, max: 99 })
    : f.number.int({ min: 20, max: 60 });
  const liveness =
    passed || kind === 'rejected_renaper'
      ? f.number.int({ min: 88, max: 99 })
      : f.number.int({ min: 40, max: 80 });
  const extractedData = extractedOf(f, p, docType, kind);
  const riskScore = passed ? f.number.int({ min: 1, max: 25 }) : f.number.int({ min: 60, max: 95 });
  return { p, docType, faceScore, liveness, extractedData, riskScore };
}

function decisionOf(d: Draws, verdict: string, passed: boolean, warnings: string[]) {
  const { p, docType, extractedData } = d;
  return {
    status: verdict,
    features: ['id_verification', 'liveness', 'face_match'],
    id_verification: {
      status: verdict,
      document_type: docType,
      document_number: p.documentNumber,
      full_name: extractedData.fullName,
      date_of_birth: p.dateOfBirth,
    },
    document_details: {
      type: docType,
      country: p.country,
      number: p.documentNumber,
      expiration_date: extractedData.documentExpirationDate,
    },
    extracted_information: extractedData,
    verification_results: {
      document: passed ? 'passed' : 'failed',
      liveness: d.liveness >= 85 ? 'passed' : 'failed',
      face_match: d.faceScore >= 80 ? 'passed' : 'failed',
    },
    warnings,
  };
}

function results(kit: Kit, v: Gu1Validation) {
  const status = v.status as 'in_review' | 'approved' | 'rejected';
  const kind: Kind =
    v.outcome === 'rejected_renaper' && status === 'rejected' ? 'rejected_renaper' : status;
  // A decision taken after compliance review reuses the warnings computed in in_review (approve page).
  const warnings = WARNINGS[v.reviewedAt ? 'in_review' : kind].filter(
    (w) => !v.omitWarnings.includes(w),
  );
  const passed = status === 'approved';
  const verdict = passed ? 'Approved' : status === 'rejected' ? 'Declined' : 'In Review';
  const entity = findEntity(kit, v.entityId);
  const d = kit.fake(`gu1:validation:${v.id}`, (f) => draw(f, entity, passed, kind));
  const { p, docType, faceScore, liveness } = d;
  return {
    decision: decisionOf(d, verdict, passed, warnings),
    documentsVerified: [
      {
        type: docType,
        country: p.country,
        number: p.documentNumber,
        status: passed ? 'verified' : status === 'rejected' ? 'rejected' : 'needs_review',
      },
    ],
    biometricResult: {
      liveness: { status: liveness >= 85 ? 'passed' : 'failed', score: liveness },
      faceMatch: { status: faceScore >= 80 ? 'passed' : 'failed', similarity: faceScore },
    },
    riskAssessment: {
      score: d.riskScore,
      level: passed ? 'low' : status === 'rejected' ? 'high' : 'medium',
      flags: warnings,
    },
    verifiedFields: passed
      ? ['firstName', 'lastName', 'dateOfBirth', 'nationality', 'documentNumber']
      : status === 'in_review'
        ? ['firstName', 'lastName']
        : [],
    extractedData: d.extractedData,
    warnings,
  };
}

/**
 * RENAPER double check, only when asked for: on an approval, a RENAPER rejection, and from in_review
 * on (a later manual decision "reuses metadata.responseDoubleChecks.renaper", approve page).
 */
function metadataOf(v: Gu1Validation) {
  const renaperCase =
    !!v.reviewedAt ||
    v.status === 'approved' ||
    (v.status === 'rejected' && v.outcome === 'rejected_renaper');
  if (!v.doubleCheckRenaper || !renaperCase) return v.metadata;
  const match = !!v.reviewedAt || v.status === 'approved';
  const renaper = { status: match ? 'MATCH' : 'NO_MATCH', valid: match, checkedAt: v.completedAt };
  return { ...v.metadata, responseDoubleChecks: { renaper } };
}

const EMPTY = {
  decision: null,
  documentsVerified: [],
  biometricResult: null,
  riskAssessment: null,
  verifiedFields: [],
  extractedData: null,
  warnings: [],
};

/** GET /api/kyc/validations/{id}: every documented field. */
export function validationView(kit: Kit, v: Gu1Validation) {
  const filled = v.completedAt && COMPLETED.includes(v.status) ? results(kit, v) : EMPTY;
  return {
    id: v.id,
    entityId: v.entityId,
    organizationId: v.organizationId,
    validationSessionId: v.sessionId,
    status: v.status,
    provider: v.provider,
    providerSessionUrl: v.providerSessionUrl,
    ...filled,
    isCurrent: v.isCurrent,
    expiresAt: v.expiresAt,
    verifiedAt: v.verifiedAt,
    metadata: metadataOf(v),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

/** POST /api/kyc/validations answers the creation shape (sessionId, not validationSessionId). */
export const createdView = (v: Gu1Validation) => ({
  id: v.id,
  entityId: v.entityId,
  organizationId: v.organizationId,
  sessionId: v.sessionId,
  status: v.status,
  provider: v.provider,
  providerSessionUrl: v.providerSessionUrl,
  isCurrent: v.isCurrent,
  expiresAt: v.expiresAt,
  metadata: v.metadata,
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
});

/** A list page of GET /api/kyc/entities/{entityId}/validations. */
export const listView = (kit: Kit, all: Gu1Validation[], page: number, limit: number) => ({
  validations: all.slice((page - 1) * limit, page * limit).map((v) => validationView(kit, v)),
  total: all.length,
  page,
  limit,
});

/**
 * GET /api/kyc/entities/{entityId}/status, derived from the entity's validations (newest first) and
 * the organization's clock: the last approval verifies the entity until reverificationPeriod has
 * passed or a later decision rejected it; once it stops, the entity needs reverification.
 */
export function statusView(kit: Kit, entityId: string, newestFirst: readonly Gu1Validation[]) {
  const opts = optionsOf(kit);
  const byDecision = newestFirst
    .filter((v) => (v.status === 'approved' || v.status === 'rejected') && v.verifiedAt)
    .sort((a, b) => Date.parse(b.verifiedAt!) - Date.parse(a.verifiedAt!) || b.seq - a.seq);
  const lastApproval = byDecision.find((v) => v.status === 'approved');
  const lastVerifiedAt = lastApproval?.verifiedAt ?? null;
  const expiresAt = lastVerifiedAt
    ? kit.iso(Date.parse(lastVerifiedAt) + opts.reverificationPeriod)
    : null;
  const isVerified =
    !!lastApproval &&
    byDecision[0] === lastApproval &&
    kit.now() < Date.parse(expiresAt ?? lastVerifiedAt!);
  const current = newestFirst.find((v) => v.isCurrent);
  return {
    entityId,
    hasKyc: newestFirst.length > 0,
    isVerified,
    currentValidation: current
      ? { id: current.id, status: current.status, verifiedAt: current.verifiedAt }
      : null,
    lastVerifiedAt,
    needsReverification: lastVerifiedAt !== null && !isVerified,
    ...(opts.statusExpiresAt === 'include' ? { expiresAt } : {}),
  };
}
