// The KYC export body (K4): what the identity check found, faker-filled and seeded by the KYC id,
// around what the user already told Kulipa (names, birth date, address). The shape is undocumented.
import type { Kit } from '../../engine/index.js';
import type { Kyc } from './kycs.js';
import type { KulipaUser } from './users.js';

const YEAR_MS = 365.25 * 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function exportOf(kit: Kit, user: KulipaUser, kyc: Kyc) {
  const verifiedAt = kyc.completedAt ?? kyc.updatedAt;
  const at = Date.parse(verifiedAt);
  const country = user.countryOfBirth ?? user.countryOfResidence;
  // Dates come from fixed bounds or the verification time, never from "now", so replays match.
  const found = kit.fake(`kulipa:export:${kyc.id}`, (f) => {
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
      nationality: country,
      countryOfResidence: user.countryOfResidence,
      address: user.address ?? found.address,
    },
    document: found.document,
    checks: { document: 'passed', selfie: 'passed', watchlist: 'clear' },
  };
}
