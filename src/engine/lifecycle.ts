// A vendor's state machine as data: which states exist, which moves are allowed, which are final.
// Pure: the provider decides what a move does (webhooks, user status); this only says if it may.

export interface Lifecycle<S extends string = string> {
  states: readonly S[];
  initial: S;
  terminal: readonly S[];
  can(from: S, to: S): boolean;
  next(from: S): readonly S[];
  isState(value: string): value is S;
}

export function defineLifecycle<S extends string>(spec: {
  states: readonly S[];
  initial: S;
  transitions: Partial<Record<S, readonly S[]>>;
}): Lifecycle<S> {
  const next = (from: S) => spec.transitions[from] ?? [];
  return {
    states: spec.states,
    initial: spec.initial,
    terminal: spec.states.filter((s) => next(s).length === 0),
    can: (from, to) => next(from).includes(to),
    next,
    isState: (value): value is S => (spec.states as readonly string[]).includes(value),
  };
}
