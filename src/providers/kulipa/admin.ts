// Operator actions on Kulipa users (/_sandbox/providers/kulipa): read one, move its status.
import { Hono } from 'hono';
import { isObject, SandboxError, type Kit, type ProviderTenants } from '../../engine/index.js';
import { userLifecycle } from './lifecycle.js';
import { userById, type KulipaUser } from './records.js';
import { moveUser } from './transitions.js';
import { userView } from './views.js';

/** A user with its allowed status moves, and moves (frozen, disabled, …) as Kulipa's back office would. */
export function kulipaAdmin(tenants: ProviderTenants) {
  const find = (userId: string) => {
    const kit = tenants.owning(userId);
    const user = kit && userById(kit, userId);
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
      moveUser(kit, user, body.status);
      return c.json(view(kit, user));
    });
}
