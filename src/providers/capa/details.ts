// The KYC and KYB details bodies: faker-filled, seeded from the user id, once a verification has
// been submitted; nulls where Capa's docs say partial results are possible.
import type { Kit } from '../../engine/index.js';
import type { CapaLink, CapaUser } from './lifecycle.js';

const DONE = new Set(['VERIFIED', 'REJECTED', 'REVIEW_NEEDED']);
const media = (sessionId: string, name: string) =>
  `https://media.sandbox.invalid/capa/${sessionId}/${name}`;

export function kycDetails(kit: Kit, user: CapaUser) {
  const v = user.kyc;
  const sessionId = `vs_${v.linkId?.replace(/-/g, '').slice(0, 16) ?? 'none'}`;
  const base = {
    aipriseSummary: { verificationResult: v.status },
    clientReferenceId: user.userId,
    verificationSessionId: sessionId,
  };
  if (!DONE.has(v.status)) {
    return {
      ...base,
      clientReferenceData: null,
      faceLivenessInfo: null,
      faceMatchInfo: null,
      fraudInsights: null,
      idInfo: null,
      amlInfo: null,
      media: null,
    };
  }
  const passed = v.status === 'VERIFIED';
  const result = passed ? 'PASS' : v.status === 'REJECTED' ? 'FAIL' : 'REVIEW';
  const reasons = passed || !v.reason ? [] : [v.reason];
  return {
    ...base,
    ...kit.fake(`capa:kyc:${user.userId}`, (f) => ({
      clientReferenceData: {
        personalInfo: {
          profession: f.person.jobTitle(),
          phoneNumber: f.phone.number({ style: 'international' }),
          birthCountry: v.country,
          taxId: f.string.alphanumeric({ length: 13, casing: 'upper' }),
        },
      },
      faceLivenessInfo: { result, status: 'COMPLETED', statusReasons: reasons, warnings: [] },
      faceMatchInfo: {
        faceMatchScore: passed
          ? f.number.int({ min: 85, max: 99 })
          : f.number.int({ min: 20, max: 70 }),
        result,
        status: 'COMPLETED',
      },
      fraudInsights: { result, status: 'COMPLETED' },
      idInfo: {
        fullName: f.person.fullName(),
        birthDate: f.date.birthdate({ mode: 'age', min: 18, max: 80 }).toISOString().slice(0, 10),
        gender: f.helpers.arrayElement(['M', 'F']),
        nationality: v.country,
        idNumber: f.string.alphanumeric({ length: 10, casing: 'upper' }),
        idType: f.helpers.arrayElement(['PASSPORT', 'NATIONAL_ID', 'DRIVING_LICENSE']),
      },
      amlInfo: { numHits: 0, entityHits: [] },
      media: {
        frontIdImageUrl: media(sessionId, 'front-id.jpg'),
        backIdImageUrl: media(sessionId, 'back-id.jpg'),
        selfieImageUrl: media(sessionId, 'selfie.jpg'),
        selfieVideoUrl: media(sessionId, 'selfie.mp4'),
      },
    })),
  };
}

export function kybDetails(kit: Kit, user: CapaUser, link: CapaLink | undefined, live: boolean) {
  const v = user.kyb;
  const business = DONE.has(v.status)
    ? kit.fake(`capa:kyb:${user.userId}`, (f) => ({
        legalName: f.company.name(),
        registrationNumber: f.string.numeric(9),
        country: v.country,
        incorporationDate: f.date
          .past({ years: 20, refDate: Date.UTC(2024, 0, 1) })
          .toISOString()
          .slice(0, 10),
        address: f.location.streetAddress({ useFullAddress: true }),
      }))
    : null;
  return {
    userId: user.userId,
    status: v.status,
    sessionUrl: link && live ? kit.hostedUrl(link.id) : null,
    reason: v.reason,
    business,
  };
}
