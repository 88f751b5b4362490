// Faceki's response bodies: KYC records, both generations' lists, link validation, rules and tokens.
import type { Faker } from '@faker-js/faker';
import { hexFrom, type Kit } from '../../engine/index.js';
import { workflowById, type Workflow } from './accounts.js';
import { decisionOf, effectiveState, linkStatus, type Decision } from './lifecycle.js';
import { allLinks, type FacekiLink } from './records.js';

const APP_VERSION = 'v3.0.0';

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

/** A document's dates and number, in Faceki's several date spellings; valid ten years from issue. */
function documentDates(f: Faker, refDate: number) {
  const issued = f.date.past({ years: 8, refDate });
  const expiry = new Date(
    Date.UTC(issued.getUTCFullYear() + 10, issued.getUTCMonth(), issued.getUTCDate()),
  );
  const [ey, em, ed] = ymd(expiry);
  const [iy, im, id] = ymd(issued);
  return {
    expiry: `${ey}-${em}-${ed}`,
    expiryDay: ed,
    expiryMonth: em,
    expiryYear: String(ey),
    issued: `${iy}-${im}-${id}`,
    issuedDay: id,
    issuedMonth: im,
    issuedYear: String(iy),
  };
}

function similarityOf(f: Faker, decision: Decision) {
  if (decision === 'DECLINED') return f.number.float({ min: 10, max: 60 });
  if (decision === 'REVIEW') return f.number.float({ min: 70, max: 90 });
  return f.number.float({ min: 95, max: 99.99 });
}

function documentEntry(
  f: Faker,
  p: ReturnType<typeof person>,
  kind: string,
  refDate: number,
  decision: Decision,
) {
  const [type, typeFull] = DOCUMENT_TYPES[kind] ?? DOCUMENT_TYPES.Passport;
  const dates = documentDates(f, refDate);
  const number = f.string.alphanumeric({ length: 9, casing: 'upper' });
  const [by, bm, bd] = ymd(p.birth);
  const age = Math.floor((refDate - p.birth.getTime()) / (365.25 * 86_400_000));
  const similarity = similarityOf(f, decision);
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

/** Faker-filled once a decision is made, seeded by the link id. */
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
  const passed = decision !== 'DECLINED';
  return {
    ...base,
    document_data: documentData(kit, link, decision),
    selfie_data: { liveness_pass: passed },
    warnings: decision === 'REVIEW' ? ['MANUAL_REVIEW_REQUIRED'] : [],
    notes: link.reason ? [link.reason] : [],
    aml: [],
    verification_summary: {
      face_verified: passed,
      selfie_liveness_verified: passed,
      document_verified: passed,
      verification_rules_passed: decision === 'ACCEPTED',
      document_liveness_verified: passed,
      image_quality: true,
    },
  };
}

/** Records exist once the person has submitted; lookups never see another tenant's links. */
export function recordsOf(kit: Kit, match: (l: FacekiLink) => boolean) {
  return allLinks(kit)
    .filter((l) => l.requestId !== null && match(l))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((l) => buildRecord(kit, l));
}

/** Blaze 3.0 Fetch Records. */
export const recordsPage = (result: ReturnType<typeof recordsOf>) => ({
  status: true,
  code: 200,
  message: 'OK',
  appVersion: APP_VERSION,
  result,
});

/** The V2 envelope: {responseCode: 0, data}. */
export const ok = <T>(data: T) => ({ responseCode: 0 as const, data });

export const linkCreated = (kit: Kit, link: FacekiLink) => ({
  responseCode: 0,
  data: link.id,
  url: kit.hostedUrl(link.id),
});

export function linkValidation(kit: Kit, link: FacekiLink) {
  const now = kit.now();
  const status = linkStatus(link, now);
  return ok({
    link: link.id,
    url: kit.hostedUrl(link.id),
    valid: status === 'live',
    status,
    state: effectiveState(link, now),
    expiryTime: link.expiryMinutes,
    expiresAt: link.expiresAt,
    redirect_url: link.redirectUrl,
    workflowId: link.workflowId,
  });
}

/** V2's rules object for one workflow: fixture data plus the per-tenant company and outcome pages. */
export const rulesOf = (kit: Kit, w: Workflow) =>
  ok({
    ...w,
    companyId: hexFrom(12, kit.seed, 'faceki-company', kit.tenant),
    __v: 0,
    link: '',
    status: 'ACTIVE',
    success: { redirect_url: 'https://www.faceki.com', message: 'Success!' },
    declined: { redirect_url: 'https://www.faceki.com', message: 'Declined!' },
    invalid: { redirect_url: 'https://www.faceki.com', message: 'Invalid!' },
  });

export const tokenIssued = (accessToken: string, expiresIn: number) =>
  ok({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' as const });
