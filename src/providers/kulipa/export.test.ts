import { describe, expect, it } from 'vitest';
import {
  activeUser,
  createUser,
  expectError,
  initiate,
  kulipa,
  move,
  NOBODY,
  OTHER_KEY,
  reviewPage,
  sandbox,
  setStatus,
  startKyc,
} from './testing.js';

const exported = (sb: ReturnType<typeof sandbox>, userId: string, key?: string) =>
  kulipa(sb, 'GET', `/kycs/export?userId=${userId}`, undefined, key);

/** The SVG a data: image URL carries. */
const svgOf = (url: string) => {
  expect(url).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString();
};

const GRACE = {
  firstName: 'Grace',
  lastName: 'Hopper',
  dateOfBirth: '1980-12-09',
  countryOfBirth: 'US',
  countryOfResidence: 'FR',
  phone: { country: '+33', number: '612345678' },
  address: {
    address1: '12 rue de Rivoli',
    address2: 'Bâtiment B',
    postalCode: '75004',
    city: 'Paris',
    country: 'FR',
    state: 'IDF',
  },
};

describe('Kulipa KYC export (GET /v1/kycs/export): prerequisites', () => {
  const NOT_VERIFIED = 'The user must have a verified full KYC on record';

  it('refuses a user without a verified full KYC: 400 kyc_not_verified_error, in the docs’ words', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    expectError(await exported(sb, userId), 400, 'kyc_not_verified_error', NOT_VERIFIED);
    await move(sb, await startKyc(sb, userId), 'submitted');
    expectError(await exported(sb, userId), 400, 'kyc_not_verified_error', NOT_VERIFIED);
  });

  it('does not count a verified shipping form or rfi as a full KYC', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    await move(sb, await startKyc(sb, userId, 'shipping'), 'verified');
    expectError(await exported(sb, userId), 400, 'kyc_not_verified_error', NOT_VERIFIED);
  });

  it('refuses a user who is not active, even with a verified full KYC: 400 invalid_user_status_error', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    for (const status of ['frozen', 'disabled']) {
      expect((await setStatus(sb, userId, status)).status).toBe(200);
      expectError(
        await exported(sb, userId),
        400,
        'invalid_user_status_error',
        'The user must be in active status',
      );
    }
  });

  it('exports again once a frozen user is active again', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb);
    const before = (await exported(sb, userId)).body;
    await setStatus(sb, userId, 'frozen');
    expect((await exported(sb, userId)).status).toBe(400);
    await setStatus(sb, userId, 'active');
    expect((await exported(sb, userId)).body).toEqual(before);
  });

  it('answers 400 for a missing or malformed userId, 404 for an unknown one, 403 for another key’s', async () => {
    const sb = sandbox();
    expectError(
      await kulipa(sb, 'GET', '/kycs/export'),
      400,
      'validation_error',
      'userId is required',
    );
    expectError(
      await exported(sb, 'usr-6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
      400,
      'validation_error',
      'userId must contain a v4 UUID (found version 1)',
    );
    expectError(await exported(sb, NOBODY), 404, 'not_found_error', 'User not found');
    const { userId } = await activeUser(sb);
    expectError(
      await exported(sb, userId, OTHER_KEY),
      403,
      'forbidden_error',
      'You do not have access to this user',
    );
  });
});

describe('Kulipa KYC export: the documented fields', () => {
  it('reports name, email, phone, birth date, address and identity document, and nothing else', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb, GRACE);
    const res = await exported(sb, userId);
    expect(res.status).toBe(200);
    const doc = res.body.identityDocument;
    expect(res.body).toEqual({
      name: { first: 'Grace', middle: null, last: 'Hopper' },
      emailAddress: expect.stringMatching(/@example\.com$/),
      phoneNumber: '+33612345678',
      dateOfBirth: '1980-12-09',
      address: {
        street1: '12 rue de Rivoli',
        street2: 'Bâtiment B',
        city: 'Paris',
        state: 'IDF',
        zipCode: '75004',
        country: 'FR',
      },
      identityDocument: {
        countryCode: 'US',
        type: expect.stringMatching(/^(passport|id_card|driving_licence)$/),
        number: expect.stringMatching(/^[A-Z0-9]{9}$/),
        documentFront: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
        documentBack: doc.type === 'passport' ? null : expect.stringMatching(/^data:image\//),
        issuedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    });
    // Issued one to nine years before the KYC started (the frozen clock: 2025-01-01).
    expect(doc.issuedDate < '2024-01-01' && doc.issuedDate > '2015-12-31').toBe(true);
    const front = svgOf(doc.documentFront);
    expect(front).toContain('Grace Hopper');
    expect(front).toContain(doc.number);
    expect(front).toContain('1980-12-09');
  });

  it('fills in what the user did not give: faker address in the residence country, null for the rest', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb, {
      firstName: 'Ada Augusta',
      countryOfResidence: 'DE',
    });
    const body = (await exported(sb, userId)).body;
    expect(body.name).toEqual({ first: 'Ada', middle: 'Augusta', last: 'Lovelace' });
    expect(body.phoneNumber).toBeNull();
    expect(body.dateOfBirth >= '1950-01-01' && body.dateOfBirth <= '2004-12-31').toBe(true);
    expect(body.address).toMatchObject({ street2: null, state: null, country: 'DE' });
    expect(body.address.street1.length).toBeGreaterThan(0);
    expect(body.identityDocument.countryCode).toBe('DE');
  });

  it('escapes what the user typed inside the document picture', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb, { lastName: '<script>x</script>' });
    const svg = svgOf((await exported(sb, userId)).body.identityDocument.documentFront);
    expect(svg).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(svg).not.toContain('<script>');
  });

  it('reports what was verified: later email and phone changes do not rewrite it', async () => {
    const sb = sandbox();
    const { userId } = await activeUser(sb, GRACE);
    const before = (await exported(sb, userId)).body;
    expect(
      (await kulipa(sb, 'PUT', `/users/${userId}/email`, 'grace.new@example.com')).status,
    ).toBe(200);
    expect(
      (
        await kulipa(sb, 'PUT', `/users/${userId}/phone-number`, {
          country: '+33',
          number: '700000000',
        })
      ).status,
    ).toBe(200);
    expect((await exported(sb, userId)).body).toEqual(before);
  });

  it('gives the same export for the same seed and another for another seed', async () => {
    const once = async (seed: string) => {
      const sb = sandbox({ seed });
      const { userId } = await activeUser(sb, { email: 'same@example.com' });
      return (await exported(sb, userId)).body;
    };
    const [a, b, c] = [await once('s1'), await once('s1'), await once('s2')];
    expect(a).toEqual(b);
    expect(c.identityDocument.number).not.toEqual(a.identityDocument.number);
  });

  it('shows on the hosted page the document, birth date and address the export reports', async () => {
    const sb = sandbox();
    const userId = await createUser(sb, { countryOfResidence: 'IT' });
    const kyc = (await initiate(sb, userId)).body;
    const page = await reviewPage(sb, kyc.url);
    await move(sb, kyc.id, 'verified');
    const body = (await exported(sb, userId)).body;
    expect(page).toContain(body.identityDocument.number);
    expect(page).toContain(body.dateOfBirth);
    expect(page).toContain(body.address.city.replace(/'/g, '&#39;'));
  });
});
