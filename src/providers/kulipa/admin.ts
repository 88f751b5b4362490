// Operator actions on Kulipa users, mounted at /_sandbox/providers/kulipa: read a user with its
// allowed status moves, and move it (frozen, disabled, …) as Kulipa's own back office would.
import { Hono } from 'hono';
import { isObject, SandboxError, type Kit, type ProviderTenants } from '../../engine/index.js';
import {
  setUserStatus,
  userLifecycle,
  USERS,
  userView,
  type KulipaUser,
  type UserStatus,
} from './users.js';
import { emit, type KulipaEvent } from './webhooks.js';

const EVENT: Partial<Record<UserStatus, KulipaEvent>> = {
  active: 'user.activated',
  frozen: 'user.frozen',
  disabled: 'user.disabled',
  deleted: 'user.deleted',
};

export function kulipaAdmin(tenants: ProviderTenants) {
  const find = (userId: string) => {
    const kit = tenants.owning(userId);
    const user = kit?.ns.get<KulipaUser>(USERS, userId);
    if (!kit || !user)
      throw new SandboxError(
        404,
        'unknown_user',
        `No Kulipa user ${userId}`,
        'GET /_sandbox/snapshot?provider=kulipa lists them',
      );
    return { kit, user };
  };
  const view = (kit: Kit, user: KulipaUser) => ({
    tenant: kit.tenant,
    user: userView(user),
    next: userLifecycle.next(user.status),
  });

  return new Hono()
    .get('/users/:userId', (c) => {
      const { kit, user } = find(c.req.param('userId'));
      return c.json(view(kit, user));
    })
    .post('/users/:userId/status', async (c) => {
      const { kit, user } = find(c.req.param('userId'));
      let body: unknown;
      try {
        body = JSON.parse((await c.req.text()) || '{}');
      } catch {
        body = null;
      }
      if (!isObject(body) || typeof body.status !== 'string') {
        throw new SandboxError(
          400,
          'status_required',
          '"status" names the user status to move to',
          `from ${user.status}: ${userLifecycle.next(user.status).join(', ') || 'none (final)'}`,
        );
      }
      setUserStatus(kit, user, body.status);
      const event = EVENT[user.status];
      if (event) emit(kit, event, { userId: user.id, targetId: user.id, data: userView(user) });
      return c.json(view(kit, user));
    });
}
