// Webhook scenarios: how QA makes a delivered event misbehave — twice, late, out of order, never,
// or signed in a way the client must refuse. A fault rule names one (with an optional event); the
// queue applies the shape to the next matching delivery and records which scenario shaped it.
import { parseDuration } from '../duration.js';
import { SandboxError } from '../errors.js';

/** Ways a vendor's signature can be broken that a receiver must reject (each provider says which apply). */
export const SIGNATURE_FLAWS = ['bad_signature', 'stale_timestamp', 'wrong_key'] as const;
export type SignatureFlaw = (typeof SIGNATURE_FLAWS)[number];

export interface Shape {
  /** The scenario as given, recorded on the delivery. */
  label: string;
  drop: boolean;
  delayMs: number;
  /** Deliveries of the same event in all (1: as usual). */
  copies: number;
  spacingMs: number;
  reorder: boolean;
  flaw: SignatureFlaw | null;
}

/** How long a reordered event waits for the next event of its session before it goes anyway. */
export const REORDER_HOLD_MS = 3_600_000;

export const WEBHOOK_SCENARIOS: readonly { name: string; description: string }[] = [
  {
    name: 'duplicate',
    description:
      'the same event (same id, body and signature) delivered n times: duplicate=<n>[:<spacing>], default 2 at once',
  },
  {
    name: 'delay',
    description: "delivered late: delay=<duration> on the tenant's clock (e.g. 10m)",
  },
  {
    name: 'reorder',
    description:
      "held until the next event of the same session has gone (at most 1 h on the tenant's clock)",
  },
  { name: 'drop', description: 'never delivered; the delivery is recorded as dropped' },
  { name: 'bad_signature', description: 'a well-formed signature that does not match the body' },
  {
    name: 'stale_timestamp',
    description: 'correctly signed, with a signature timestamp an hour old',
  },
  {
    name: 'wrong_key',
    description: 'signed with a key or secret the vendor never gave the client',
  },
];

const bad = (message: string, hint?: string) =>
  new SandboxError(400, 'bad_scenario', message, hint);

function duplicate(shape: Shape, arg: string | undefined) {
  const [n, spacing] = (arg ?? '2').split(':', 2);
  const copies = Number(n);
  if (!Number.isInteger(copies) || copies < 2 || copies > 10)
    throw bad(`duplicate=${arg}: the count must be 2–10`);
  const spacingMs = spacing === undefined ? 0 : parseDuration(spacing);
  if (spacingMs === undefined) throw bad(`duplicate=${arg}: the spacing must be a duration`);
  shape.copies = copies;
  shape.spacingMs = spacingMs;
}

/**
 * Parses `name[=arg][, name…]` of webhook scenarios; `flaws` are the signature flaws the
 * provider's scheme can show (none for an unsigned vendor). Unknown names are refused.
 */
export function parseWebhookScenario(
  spec: string,
  provider: string,
  flaws: readonly SignatureFlaw[],
): Shape {
  const shape: Shape = {
    label: spec,
    drop: false,
    delayMs: 0,
    copies: 1,
    spacingMs: 0,
    reorder: false,
    flaw: null,
  };
  for (const part of spec.split(',').map((s) => s.trim())) {
    const [name, arg] = part.split('=', 2);
    if (name === 'duplicate') duplicate(shape, arg);
    else if (name === 'delay') {
      const ms = arg === undefined ? undefined : parseDuration(arg);
      if (ms === undefined) throw bad(`delay needs a duration: delay=10m`);
      shape.delayMs = ms;
    } else if (name === 'reorder') shape.reorder = true;
    else if (name === 'drop') shape.drop = true;
    else if ((SIGNATURE_FLAWS as readonly string[]).includes(name)) {
      if (!flaws.includes(name as SignatureFlaw))
        throw bad(
          `${provider}'s webhooks cannot show ${name}`,
          flaws.length
            ? `it can show: ${flaws.join(', ')}`
            : `${provider} does not sign its webhooks`,
        );
      shape.flaw = name as SignatureFlaw;
    } else
      throw new SandboxError(
        400,
        'unknown_scenario',
        `No webhook scenario "${name}" for ${provider}`,
        `webhook scenarios: ${WEBHOOK_SCENARIOS.map((s) => s.name).join(', ')}`,
      );
  }
  return shape;
}

/** A trigger's answer when the session it names is not the tenant's. */
export const unknownSession = (id: string) =>
  new SandboxError(
    404,
    'unknown_session',
    `The tenant has no session or subject ${id}`,
    'GET /_sandbox/sessions lists sessions; a delivery shows its subject',
  );
