// A vendor's state machine as data: which states exist, which moves are allowed, which are final.
// Pure: the provider decides what a move does (webhooks, user status); this only says if it may,
// and refuses a move it forbids with the one sandbox error every provider shares.
import { SandboxError } from './errors.js';

export interface Lifecycle<S extends string = string> {
  states: readonly S[];
  initial: S;
  terminal: readonly S[];
  can(from: S, to: S): boolean;
  next(from: S): readonly S[];
  isState(value: string): value is S;
  /**
   * The guard for an operator's or a page's move: returns `to` as a state of this machine, or
   * throws a sandbox 409 naming `subject` (e.g. "Capa KYC") and the moves allowed from `from`.
   */
  guard(subject: string, from: S, to: string, allowed?: readonly S[]): S;
}

export function defineLifecycle<S extends string>(spec: {
  states: readonly S[];
  initial: S;
  transitions: Partial<Record<S, readonly S[]>>;
}): Lifecycle<S> {
  const next = (from: S) => spec.transitions[from] ?? [];
  const isState = (value: string): value is S => (spec.states as readonly string[]).includes(value);
  return {
    states: spec.states,
    initial: spec.initial,
    terminal: spec.states.filter((s) => next(s).length === 0),
    can: (from, to) => next(from).includes(to),
    next,
    isState,
    guard(subject, from, to, allowed = next(from)) {
      if (isState(to) && allowed.includes(to)) return to;
      throw illegalTransition(subject, from, to, allowed);
    },
  };
}

/** The sandbox's answer to a move a vendor's state machine forbids. */
export function illegalTransition(
  subject: string,
  from: string,
  to: string,
  allowed: readonly string[],
): SandboxError {
  return new SandboxError(
    409,
    'illegal_transition',
    `${subject} cannot move from ${from} to ${to}`,
    `allowed from ${from}: ${allowed.join(', ') || 'none (final)'}`,
  );
}
