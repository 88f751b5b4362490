// Faceki's KYC record (docs.faceki.com/data-fields/verification-data), faker-filled, for a link or a
// direct verification alike: one shape behind Fetch Records, the V2 lookups, face search and webhooks.
import type { Faker } from '@faker-js/faker';
import { hexFrom, type Kit } from '../../engine/index.js';
import { workflowById } from './accounts.js';
import type { FacekiOutcome } from './errors.js';
import { decisionOf, type Decision } from './lifecycle.js';
import { allLinks, allVerifications, type FacekiLink, type FacekiVerification } from './records.js';

/** What a record is made from: a decided (or submitted) link, or a direct verification. */
export interface RecordSource {
  /** Seeds the faker identity: the link id or the requestId. */
  key: string;
  link: string | null;
  recordIdentifier: string | null;
  requestId: string;
  workflowId: string;
  decision: Decision | null;
  /** The failed check of a declined direct verification, which shapes the data. */
  outcome: FacekiOutcome | null;
  notes: string[];
  documents: string[];
  faceId: string | null;
  createdAt: string;
}

/** A face id (format undocumented: a UUID here), derived from the tenant and what identifies the face. */
export function faceIdOf(kit: Kit, material: string): string {
  const h = hexFrom(16, kit.seed, 'faceki-face', kit.tenant, material);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The documents a link's person shows: the one chosen (or the first) when document_optional, else all. */
export function linkDocuments(link: FacekiLink): string[] {
  const allowed = workflowById(link.workflowId)?.allowedKycDocuments ?? ['Passport'];
  if (!link.documentOptional) return allowed;
  return [
    link.chosenDocument && allowed.includes(link.chosenDocument)
      ? link.chosenDocument
      : allowed[0]!,
  ];
}

export function linkSource(kit: Kit, link: FacekiLink): RecordSource {
  const decision = decisionOf(link);
  return {
    key: link.id,
    link: link.id,
    recordIdentifier: link.applicationId,
    requestId: link.requestId!,
    workflowId: link.workflowId,
    decision,
    outcome: null,
    notes: decision && link.reason ? [link.reason] : [],
    documents: linkDocuments(link),
    // "Generated upon KYC verification": a link's face is its own person, so it comes from the
    // link. A getter: a lookup hashes it only when it filters on face_id or builds the record.
    get faceId() {
      return decision ? faceIdOf(kit, `link:${link.id}`) : null;
    },
    createdAt: link.createdAt,
  };
}

export const verificationSource = (v: FacekiVerification): RecordSource => ({
  key: v.id,
  link: null,
  recordIdentifier: v.recordIdentifier,
  requestId: v.id,
  workflowId: v.workflowId,
  decision: v.decision,
  outcome: v.outcome,
  notes: v.outcome ? [v.outcome] : [],
  documents: v.documents,
  faceId: v.faceId,
  createdAt: v.createdAt,
});

/** The tenant's records (submitted links and direct verifications) a filter keeps, oldest first. */
export function allSources(
  kit: Kit,
  keep: (r: RecordSource) => boolean = () => true,
): RecordSource[] {
  const links = allLinks(kit).filter((l) => l.requestId !== null);
  return [
    ...links.map((l) => linkSource(kit, l)).filter(keep),
    ...allVerifications(kit).map(verificationSource).filter(keep),
  ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

// [name, iso2, iso3]: Faceki's sample puts the 2-letter code in *_iso and the 3-letter in *_iso2.
const COUNTRIES = [
  ['Bahrain', 'BH', 'BHR'],
  ['United Arab Emirates', 'AE', 'ARE'],
  ['Saudi Arabia', 'SA', 'SAU'],
  ['United Kingdom', 'GB', 'GBR'],
  ['Spain', 'ES', 'ESP'],
  ['Mexico', 'MX', 'MEX'],
  ['Pakistan', 'PK', 'PAK'],
  ['India', 'IN', 'IND'],
] as const;

const DOCUMENT_TYPES: Record<string, [string, string]> = {
  Passport: ['P', 'Passport'],
  'ID Card': ['I', 'Identity Card'],
  'Driving License': ['D', 'Driving License'],
};

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) =>
  [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())] as const;
const mrzName = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '<');

function person(f: Faker, refDate: number) {
  const [country, iso, iso3] = f.helpers.arrayElement(COUNTRIES);
  const sex = f.helpers.arrayElement(['female', 'male'] as const);
  const first = f.person.firstName(sex);
  const last = f.person.lastName();
  const birth = f.date.birthdate({ mode: 'age', min: 19, max: 75, refDate });
  const middle = f.helpers.maybe(() => f.person.middleName(sex), { probability: 0.3 }) ?? '';
  return { country, iso, iso3, first, last, middle, gender: sex === 'female' ? 'F' : 'M', birth };
}

/**
 * A document's dates in Faceki's several spellings: valid ten years from issue; issued twelve years
 * back (so expired) for EXPIRED_DOCUMENT; blank expiry fields for EXPIRY_NOT_FOUND.
 */
function documentDates(f: Faker, refDate: number, outcome: FacekiOutcome | null) {
  const issuedAt = f.date.past({ years: 8, refDate });
  const issued =
    outcome === 'EXPIRED_DOCUMENT'
      ? new Date(
          Date.UTC(issuedAt.getUTCFullYear() - 12, issuedAt.getUTCMonth(), issuedAt.getUTCDate()),
        )
      : issuedAt;
  const expiry = new Date(
    Date.UTC(issued.getUTCFullYear() + 10, issued.getUTCMonth(), issued.getUTCDate()),
  );
  const [ey, em, ed] = ymd(expiry);
  const [iy, im, id] = ymd(issued);
  const noExpiry = outcome === 'EXPIRY_NOT_FOUND';
  return {
    expiry: noExpiry ? '' : `${ey}-${em}-${ed}`,
    expiryDay: noExpiry ? '' : ed,
    expiryMonth: noExpiry ? '' : em,
    expiryYear: noExpiry ? '' : String(ey),
    issued: `${iy}-${im}-${id}`,
    issuedDay: id,
    issuedMonth: im,
    issuedYear: String(iy),
  };
}

function similarityOf(f: Faker, decision: Decision, outcome: FacekiOutcome | null) {
  if (outcome === 'DOCUMENT_FACE_MATCH_FAILED' || (decision === 'DECLINED' && !outcome))
    return f.number.float({ min: 10, max: 60 });
  if (decision === 'REVIEW') return f.number.float({ min: 70, max: 90 });
  return f.number.float({ min: 95, max: 99.99 });
}

function documentEntry(
  f: Faker,
  p: ReturnType<typeof person>,
  kind: string,
  refDate: number,
  src: RecordSource & { decision: Decision },
) {
  const [type, typeFull] = DOCUMENT_TYPES[kind] ?? DOCUMENT_TYPES.Passport!;
  const dates = documentDates(f, refDate, src.outcome);
  const number = f.string.alphanumeric({ length: 9, casing: 'upper' });
  const [by, bm, bd] = ymd(p.birth);
  const age = Math.floor((refDate - p.birth.getTime()) / (365.25 * 86_400_000));
  const similarity = similarityOf(f, src.decision, src.outcome);
  const mrzExpiry = `${dates.expiryYear.slice(2)}${dates.expiryMonth}${dates.expiryDay}`;
  return {
    reference: f.string.numeric(9),
    full_name: [p.first, p.middle, p.last].filter(Boolean).join(' ').toUpperCase(),
    first_name: p.first.toUpperCase(),
    local_name: '',
    last_name: p.last.toUpperCase(),
    middle_name: p.middle.toUpperCase(),
    nationality: p.country,
    nationality_iso: p.iso,
    nationality_iso2: p.iso3,
    issuer: p.country,
    issuer_iso: p.iso,
    issuer_iso2: p.iso3,
    gender: p.gender,
    dob: bd,
    age: String(age),
    ...dates,
    documentAdditionalNumber: '',
    document_number: number,
    document_type: type,
    document_type_full: typeFull,
    mrz:
      `${type}<${p.iso3}${mrzName(p.last)}<<${mrzName(p.first)}`.padEnd(44, '<').slice(0, 44) +
      `^${number}<${p.iso3}${String(by).slice(2)}${bm}${bd}${p.gender}${mrzExpiry}`,
    document_face_match: { similarity, confidence: f.number.float({ min: 99, max: 99.999 }) },
    passed: src.decision !== 'DECLINED',
    date_of_birth: `${by}-${bm}-${bd}`,
    date_of_birth_day: bd,
    date_of_birth_month: bm,
    date_of_birth_year: String(by),
  };
}

/** Faker-filled once decided, seeded by the source's key: the identity stays from REVIEW to ACCEPTED. */
export function documentData(kit: Kit, src: RecordSource & { decision: Decision }) {
  const refDate = Date.parse(src.createdAt);
  return kit.fake(`faceki:record:${src.key}`, (f) => {
    const p = person(f, refDate);
    return src.documents.map((kind) => documentEntry(f, p, kind, refDate, src));
  });
}

/** Which checks a declined verification failed: the outcome names one, a plain decline fails them all. */
function summaryOf(decision: Decision, outcome: FacekiOutcome | null) {
  const failed = (o: FacekiOutcome) =>
    decision === 'DECLINED' && (outcome === null || outcome === o);
  return {
    face_verified: !failed('DOCUMENT_FACE_MATCH_FAILED'),
    selfie_liveness_verified: !failed('SELFIE_LIVENESS_FAILED'),
    document_verified: !failed('EXPIRED_DOCUMENT') && !failed('EXPIRY_NOT_FOUND'),
    verification_rules_passed: decision === 'ACCEPTED',
    document_liveness_verified: !(decision === 'DECLINED' && outcome === null),
    image_quality: true,
  };
}

export function buildRecord(kit: Kit, src: RecordSource) {
  const base = {
    link: src.link,
    record_identifier: src.recordIdentifier,
    requestId: src.requestId,
    workflowId: src.workflowId,
    decision: src.decision,
    face_id: src.faceId,
  };
  const { decision } = src;
  if (!decision)
    return {
      ...base,
      document_data: [],
      selfie_data: null,
      warnings: [],
      notes: [],
      aml: [],
      verification_summary: null,
    };
  const summary = summaryOf(decision, src.outcome);
  return {
    ...base,
    document_data: documentData(kit, { ...src, decision }),
    selfie_data: { liveness_pass: summary.selfie_liveness_verified },
    warnings: decision === 'REVIEW' ? ['MANUAL_REVIEW_REQUIRED'] : [],
    notes: src.notes,
    aml: [],
    verification_summary: summary,
  };
}

export type KycRecordBody = ReturnType<typeof buildRecord>;

/** The tenant's records a filter matches, oldest first; lookups never see another tenant's. */
export const recordsOf = (kit: Kit, match: (r: RecordSource) => boolean) =>
  allSources(kit, match).map((s) => buildRecord(kit, s));
