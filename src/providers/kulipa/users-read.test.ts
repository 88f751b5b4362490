// Kulipa getting and listing users.
import { describe, expect, it } from 'vitest';
import { createUser, expectError, kulipa, NOBODY, sandbox } from './testing.js';

describe('Kulipa get and list users', () => {
  it('gets a user by id', async () => {
    const sb = sandbox();
    const userId = await createUser(sb);
    const res = await kulipa(sb, 'GET', `/users/${userId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: userId, status: 'unverified' });
  });

  it('answers 404 not_found_error "User not found" for an id nobody owns', async () => {
    expectError(
      await kulipa(sandbox(), 'GET', `/users/${NOBODY}`),
      404,
      'not_found_error',
      'User not found',
    );
  });

  it('answers 400 for a malformed user id in the path', async () => {
    expectError(
      await kulipa(sandbox(), 'GET', '/users/usr-123'),
      400,
      'validation_error',
      'userId must be exactly 40 characters long (got 7)',
    );
  });

  it('finds a user by email, case-insensitively', async () => {
    const sb = sandbox();
    const userId = await createUser(sb, { email: 'Find.Me@example.com' });
    await createUser(sb);
    const res = await kulipa(sb, 'GET', '/users?email=find.me%40example.com');
    expect(res.body).toMatchObject({ page: 0, count: 1, hasMore: false, items: [{ id: userId }] });
  });

  it('pages with limit and fromPage', async () => {
    const sb = sandbox();
    const ids = [await createUser(sb), await createUser(sb), await createUser(sb)];
    const first = await kulipa(sb, 'GET', '/users?limit=2');
    expect(first.body).toMatchObject({ page: 0, count: 2, hasMore: true });
    const second = await kulipa(sb, 'GET', '/users?limit=2&fromPage=1');
    expect(second.body).toMatchObject({
      page: 1,
      count: 1,
      hasMore: false,
      items: [{ id: ids[2] }],
    });
  });

  it.each([['limit=0'], ['limit=101'], ['limit=abc'], ['fromPage=-1']])(
    'answers 400 for %s',
    async (q) => {
      const [name] = q.split('=');
      const bounds = name === 'limit' ? 'between 1 and 100' : 'between 0 and 1000000';
      expectError(
        await kulipa(sandbox(), 'GET', `/users?${q}`),
        400,
        'validation_error',
        `${name} must be a whole number ${bounds}`,
      );
    },
  );
});
