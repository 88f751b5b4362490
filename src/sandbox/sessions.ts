// Verification sessions across providers: found by id (ids are unique across tenants), listed
// newest first, and moved by hand with the vendor's side effects and webhooks.
import {
  inFilter,
  SandboxError,
  type ProviderModule,
  type SessionView,
  type Store,
} from '../engine/index.js';
import type { Kits } from './kits.js';
import type { Found, SessionService } from './types.js';

export interface SessionDeps {
  providers: readonly ProviderModule[];
  store: Store;
  kits: Kits;
}

export function createSessions(deps: SessionDeps): SessionService {
  function find(id: string): Found | undefined {
    for (const provider of deps.providers) {
      if (!provider.sessions) continue;
      const tenant = deps.store.ownerOf(provider.name, id);
      if (tenant === undefined) continue;
      const kit = deps.kits.of(provider.name, tenant);
      const row = kit.ns.get(provider.sessions.collection, id);
      if (row) return { provider, kit, view: provider.sessions.view(kit, row) };
    }
    return undefined;
  }

  function list(filter: Parameters<SessionService['list']>[0] = {}): SessionView[] {
    const out: SessionView[] = [];
    for (const p of deps.providers) {
      if (!p.sessions) continue;
      for (const t of deps.store.tenants(p.name)) {
        if (!inFilter(filter, t)) continue;
        const kit = deps.kits.of(p.name, t.tenant);
        for (const row of kit.ns.list(p.sessions.collection)) {
          const v = p.sessions.view(kit, row);
          if (!filter.state || v.state === filter.state) out.push(v);
        }
      }
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  return {
    find,
    list,
    async transition(id, state, input = {}) {
      const s = find(id);
      if (!s)
        throw new SandboxError(
          404,
          'unknown_session',
          `No session ${id}`,
          'GET /_sandbox/sessions lists them',
        );
      return s.provider.sessions!.transition(s.kit, id, state, {
        reason: input.reason,
        manual: input.manual ?? true,
        choices: input.choices,
      });
    },
  };
}
