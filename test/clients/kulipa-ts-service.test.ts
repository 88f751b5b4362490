// A third-party TypeScript Kulipa client against the sandbox: the one request it makes and what it
// reads of the answers.
//
// providers.md names it without a repository, path or commit: §2.1 ("also a separate third-party TS
// client", base https://api.testing.kulipa.dev/v1) and §2.4 ("a client logs
// error.response.data.details.issues for 400s"). Its stored text (a `KulipaService` class over axios)
// shows the sequence replayed here: axios.create with baseURL …/v1 and the headers accept,
// content-type (both application/json) and x-api-key; then `post("/users", userData)` with
// {wallet: {blockchain, address}, address: {address1, postalCode, city, country}, lastName, firstName,
// email, dateOfBirth, countryOfResidence, countryOfBirth}; `response.data` on success, and
// `error.response?.data?.details?.issues` logged on failure. The repository itself was not identified.
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, testSandbox } from '../helpers.js';

const KEY = 'kulipa_test_key_tenant_one_0001';

/** axios: the instance's default headers, JSON.stringify of the data, the path under baseURL. */
const post = (sb: Sandbox, path: string, data: unknown) =>
  call(sb, 'POST', `/kulipa/v1${path}`, {
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-api-key': KEY },
    body: JSON.stringify(data),
  });

/** CreateUserPayload, in the order the client's interface lists it; wallet.address is the older name. */
const userData = (extra: Record<string, unknown> = {}) => ({
  wallet: { blockchain: 'polygon-amoy', address: '0x52908400098527886E0F7030069857D2E4169EE7' },
  address: { address1: '221B Baker Street', postalCode: 'NW1 6XE', city: 'London', country: 'GB' },
  lastName: 'Holmes',
  firstName: 'Sherlock',
  email: 'sherlock@example.com',
  dateOfBirth: '1984-01-06',
  countryOfResidence: 'GB',
  countryOfBirth: 'GB',
  ...extra,
});

describe('third-party TS KulipaService (axios)', () => {
  it('createUser: response.data is the new user, with the fields it sent', async () => {
    const sb = testSandbox();
    const res = await post(sb, '/users', userData());
    expect(res.status).toBe(201); // axios resolves any 2xx
    expect(res.headers.get('content-type')).toMatch(/^application\/json/); // parsed into data
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^usr-/),
      status: 'unverified',
      firstName: 'Sherlock',
      lastName: 'Holmes',
      dateOfBirth: '1984-01-06',
      address: { city: 'London', country: 'GB' },
    });
  });

  it.each([
    ['a city missing from the address', { address: { address1: '1 Main St', postalCode: 'N1', country: 'GB' } }, ['address', 'city']],
    ['a blockchain name with spaces', { wallet: { blockchain: 'Polygon Amoy', address: '0xabc' } }, ['wallet', 'blockchain']],
    ['a birth date that is no date', { dateOfBirth: '06/01/1984' }, ['dateOfBirth']],
  ])(
    'createUser with %s: the 400 carries details.issues, the array the client logs',
    async (_what, extra, path) => {
      const sb = testSandbox();
      const res = await post(sb, '/users', userData(extra));
      expect(res.status).toBe(400); // axios rejects; isAxiosError(error) holds
      const issues = res.body?.details?.issues;
      expect(Array.isArray(issues)).toBe(true);
      expect(issues[0]).toEqual({ path, message: expect.any(String) });
    },
  ); // prettier-ignore

  it('createUser twice with the same email: the 409 body has no issues to log, and says why', async () => {
    const sb = testSandbox();
    await post(sb, '/users', userData());
    const res = await post(sb, '/users', userData());
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      code: 'duplicate_user_error',
      message: 'A user with this email already exists',
    });
    expect(res.body?.details?.issues).toBeUndefined(); // logged as undefined, not a crash
  });
});
