// A link's KYC record as Faceki's Fetch Records page shows it. It exists once the person submits;
// document_data and the checks are faker-filled (seeded by the link id) once a decision is made.
import type { Faker } from '@faker-js/faker';
import type { Kit } from '../../engine/index.js';
import { workflowById } from './clients.js';
import { decisionOf, type Decision, type FacekiLink } from './lifecycle.js';

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

function documentEntry(
  f: Faker,
  p: ReturnType<typeof person>,
  kind: string,
  refDate: number,
  decision: Decision,
) {
  const [type, typeFull] = DOCUMENT_TYPES[kind] ?? DOCUMENT_TYPES.Passport;
  const issued = f.date.past({ years: 8, refDate });
  const expiry = new Date(
    Date.UTC(issued.getUTCFullYear() + 10, issued.getUTCMonth(), issued.getUTCDate()),
  );
  const number = f.string.alphanumeric({ length: 9, casing: 'upper' });
  const [by, bm, bd] = ymd(p.birth);
  const [ey, em, ed] = ymd(expiry);
  const [iy, im, id] = ymd(issued);
  const age = Math.floor((refDate - p.birth.getTime()) / (365.25 * 86_400_000));
  const similarity =
    decision === 'DECLINED'
      ? f.number.float({ min: 10, max: 60 })
      : decision === 'REVIEW'
        ? f.number.float({ min: 70, max: 90 })
        : f.number.float({ min: 95, max: 99.99 });
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
    expiry: `${ey}-${em}-${ed}`,
    expiryDay: ed,
    expiryMonth: em,
    expiryYear: String(ey),
    issued: `${iy}-${im}-${id}`,
    issuedDay: id,
    issuedMonth: im,
    issuedYear: String(iy),
    documentAdditionalNumber: '',
    document_number: number,
    document_type: type,
    document_type_full: typeFull,
    mrz:
      `${type}<${p.iso3}${mrzName(p.last)}<<${mrzName(p.first)}`.padEnd(44, '<').slice(0, 44) +
      `^${number}<${p.iso3}${String(by).slice(2)}${bm}${bd}${p.gender}${String(ey).slice(2)}${em}${ed}`,
    document_face_match: { similarity, confidence: f.number.float({ min: 99, max: 99.999 }) },
    passed: decision !== 'DECLINED',
    date_of_birth: `${by}-${bm}-${bd}`,
    date_of_birth_day: bd,
    date_of_birth_month: bm,
    date_of_birth_year: String(by),
  };
}

/** The documents the person shows: one when document_optional, else every workflow document. */
function documentsFor(link: FacekiLink): string[] {
  const allowed = workflowById(link.workflowId)?.allowedKycDocuments ?? ['Passport'];
  return link.documentOptional ? allowed.slice(0, 1) : allowed;
}

export function documentData(kit: Kit, link: FacekiLink, decision: Decision) {
  const refDate = Date.parse(link.createdAt);
  // One key per link: the identity stays the same when a REVIEW later becomes ACCEPTED.
  return kit.fake(`faceki:record:${link.id}`, (f) => {
    const p = person(f, refDate);
    return documentsFor(link).map((kind) => documentEntry(f, p, kind, refDate, decision));
  });
}

export function buildRecord(kit: Kit, link: FacekiLink) {
  const decision = decisionOf(link);
  const base = {
    link: link.id,
    record_identifier: link.applicationId,
    requestId: link.requestId!,
    workflowId: link.workflowId,
    decision,
  };
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
  const ok = decision !== 'DECLINED';
  return {
    ...base,
    document_data: documentData(kit, link, decision),
    selfie_data: { liveness_pass: ok },
    warnings: decision === 'REVIEW' ? ['MANUAL_REVIEW_REQUIRED'] : [],
    notes: link.reason ? [link.reason] : [],
    aml: [],
    verification_summary: {
      face_verified: ok,
      selfie_liveness_verified: ok,
      document_verified: ok,
      verification_rules_passed: decision === 'ACCEPTED',
      document_liveness_verified: ok,
      image_quality: true,
    },
  };
}

export type FacekiRecord = ReturnType<typeof buildRecord>;
