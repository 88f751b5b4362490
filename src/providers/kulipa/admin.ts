// Operator actions on Kulipa users (/_sandbox/providers/kulipa): read one, move its status, ask it
// for information (what the next rfi KYC requests).
import { Hono, type Context } from 'hono';
import { isObject, SandboxError, type Kit, type ProviderTenants } from '../../engine/index.js';
import { RFI_ITEMS, userLifecycle, type RfiItem } from './lifecycle.js';
import { userById, type KulipaUser } from './records.js';
import { moveUser, requestInformation } from './transitions.js';
import { userView } from './views.js';

/** The JSON object an operator sent, or null. */
async function jsonOf(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = JSON.parse((await c.req.text()) || '{}');
    return isObject(body) ? body : null;
  } catch {
    return null;
  }
}

/** {requested: [...]}: at least one known item, else a sandbox 400 listing them. */
function requestedOf(body: Record<string, unknown> | null): RfiItem[] {
  const items = body?.requested;
  if (
    !Array.isArray(items) ||
    items.length === 0 ||
    !items.every((i) => typeof i === 'string' && Object.hasOwn(RFI_ITEMS, i))
  )
    throw new SandboxError(
      400,
      'requested_required',
      '"requested" lists what Kulipa asks the user for',
      `one or more of: ${Object.keys(RFI_ITEMS).join(', ')}`,
    );
  return items as RfiItem[];
}

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
    informationRequest: user.informationRequest ?? null,
  });

  return (
    new Hono()
      .get('/users/:userId', (c) => {
        const { kit, user } = find(c.req.param('userId'));
        return c.json(view(kit, user));
      })
      .post('/users/:userId/status', async (c) => {
        const { kit, user } = find(c.req.param('userId'));
        const body = await jsonOf(c);
        if (!body || typeof body.status !== 'string') {
          throw new SandboxError(
            400,
            'status_required',
            '"status" names the user status to move to',
            `from ${user.status}: ${userLifecycle.next(user.status).join(', ') || 'none (final)'}`,
          );
        }
        moveUser(kit, user, body.status);
        return c.json(view(kit, user));
      })
      // Kulipa's compliance asking for more (docs: rfi "whenever some additional [information is] asked
      // to the user. For instance a Proof of address"): the user's next rfi KYC requests these.
      .post('/users/:userId/information-request', async (c) => {
        const { kit, user } = find(c.req.param('userId'));
        requestInformation(kit, user, requestedOf(await jsonOf(c)));
        return c.json(view(kit, user));
      })
  );
}
