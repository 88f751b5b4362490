// Kulipa users: the stored record, the public view (the third-party SDK's User model), the lookup that
// tells "unknown" (404) from "another key's" (403), and the user status machine.
import { defineLifecycle, SandboxError, type Kit } from '../../engine/index.js';
import { fail } from './errors.js';

export const USERS = 'users';

// SDK enum: unverified, active, frozen, disabled, deleted. Only KYC (→ active) and operators move it.
export const userLifecycle = defineLifecycle({
  states: ['unverified', 'active', 'frozen', 'disabled', 'deleted'] as const,
  initial: 'unverified',
  transitions: {
    unverified: ['active', 'frozen', 'disabled', 'deleted'],
    active: ['frozen', 'disabled', 'deleted'],
    frozen: ['unverified', 'active', 'disabled', 'deleted'],
    disabled: ['deleted'],
  },
});

export type UserStatus = (typeof userLifecycle.states)[number];

export interface Address {
  address1: string;
  address2?: string;
  postalCode: string;
  city: string;
  country: string;
  state?: string;
}

export interface KulipaUser extends Record<string, unknown> {
  id: string;
  status: UserStatus;
  firstName: string;
  lastName: string;
  email: string;
  phone: { country: string; number: string } | null;
  dateOfBirth: string | null;
  countryOfBirth: string | null;
  countryOfResidence: string;
  address: Address | null;
  shippingAddress: { address: Address; phone?: string } | null;
  legalName: { firstName: string; lastName: string } | null;
  companyId: string | null;
  wallet: { blockchain: string; withdrawalAddress: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** The public view: everything but the wallet, which the SDK's User model does not carry. */
export function userView(user: KulipaUser) {
  const { wallet: _wallet, ...rest } = user;
  return rest;
}

/** This tenant's user; another tenant's id → 403, an id nobody owns → 404. */
export function userFor(kit: Kit, userId: string): KulipaUser {
  const user = kit.ns.get<KulipaUser>(USERS, userId);
  if (user) return user;
  const owner = kit.ownerOf(userId);
  if (owner !== undefined && owner !== kit.tenant) throw fail('FORBIDDEN_USER');
  throw fail('USER_NOT_FOUND');
}

/** Moves a user's status; a move the machine forbids is a sandbox 409 with the allowed moves. */
export function setUserStatus(kit: Kit, user: KulipaUser, to: string): KulipaUser {
  if (!userLifecycle.isState(to) || !userLifecycle.can(user.status, to)) {
    throw new SandboxError(
      409,
      'illegal_transition',
      `Kulipa user ${user.id} cannot move from ${user.status} to ${to}`,
      `allowed from ${user.status}: ${userLifecycle.next(user.status).join(', ') || 'none (final)'}`,
    );
  }
  user.status = to;
  user.updatedAt = kit.iso();
  return user;
}
