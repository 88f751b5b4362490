// Reading Faceki's multipart requests (direct verification, face search): the parts, the images the
// workflow needs, and the sandbox's outcome marker in the selfie.
import type { Context } from 'hono';
import type { ProviderEnv } from '../../engine/index.js';
import { fail, facekiOutcomes, type FacekiOutcome } from './errors.js';

/** One part: a file (its text as read; images are opaque here) or a plain field. */
export interface Part {
  text: string;
  size: number;
  filename: string | null;
}

export type Form = ReadonlyMap<string, Part>;

const MULTIPART = /^multipart\/form-data\s*;.*boundary=/i;

const malformed = (message: string) =>
  fail('BAD_REQUEST', { details: { issues: [{ path: '/', message }] } });

/** The non-empty parts of a multipart/form-data body (400 BAD_REQUEST for any other body). */
export async function formFrom(c: Context<ProviderEnv>): Promise<Form> {
  const type = c.req.header('content-type') ?? '';
  if (!MULTIPART.test(type)) throw malformed('body: a multipart/form-data body is required');
  let data: FormData;
  try {
    data = await new Response(c.get('requestText') ?? '', {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    throw malformed('body: malformed multipart/form-data');
  }
  const parts = new Map<string, Part>();
  for (const [name, value] of data) {
    const part =
      typeof value === 'string'
        ? { text: value, size: value.length, filename: null }
        : { text: await value.text(), size: value.size, filename: value.name || null };
    // A part sent empty (a client's unset field, an image that failed to load) counts as absent.
    if (part.size > 0 && !parts.has(name)) parts.set(name, part);
  }
  return parts;
}

/** A plain field's value, trimmed; at most `max` characters (5002 otherwise). */
export function fieldOf(form: Form, name: string, max = 256): string | null {
  const value = form.get(name)?.text.trim();
  if (!value) return null;
  if (value.length > max)
    throw fail('INVALID_MISSING_REQUEST_FIELDS', {
      details: { issues: [{ path: `/${name}`, message: `must be at most ${max} characters` }] },
    });
  return value;
}

/** A plain field that must be there and not blank (5002). */
export function requireField(form: Form, name: string, max?: number): string {
  const value = fieldOf(form, name, max);
  if (value === null)
    throw fail('INVALID_MISSING_REQUEST_FIELDS', {
      details: { issues: [{ path: `/${name}`, message: 'is required' }] },
    });
  return value;
}

/** A part that must be there: 5002 for a required field or the selfie, 5006 for a document image. */
export function requirePart(form: Form, name: string, kind: 'field' | 'document'): Part {
  const part = form.get(name);
  if (part) return part;
  const issues = [{ path: `/${name}`, message: 'is required' }];
  throw kind === 'document'
    ? fail('REQUIRED_DOCUMENT_MISSING', { details: { issues } })
    : fail('INVALID_MISSING_REQUEST_FIELDS', { details: { issues } });
}

/** What the sandbox does with a selfie: decide as given, or fail one documented check. */
export type Steer = 'ACCEPTED' | 'DECLINED' | 'REVIEW' | FacekiOutcome;

const MARKER = /faceki-sandbox:([A-Za-z_]+)/;
const STEERS: readonly string[] = [
  'ACCEPTED',
  'DECLINED',
  'REVIEW',
  ...Object.keys(facekiOutcomes),
];

/**
 * The magic value of a direct verification: `faceki-sandbox:<OUTCOME>` anywhere in the selfie (a
 * text file will do), e.g. faceki-sandbox:SELFIE_LIVENESS_FAILED. None: ACCEPTED. An unknown name
 * is refused with 5002 rather than silently accepted.
 */
export function steerOf(selfie: Part, field: string): Steer {
  const name = MARKER.exec(selfie.text)?.[1]?.toUpperCase();
  if (name === undefined) return 'ACCEPTED';
  if (STEERS.includes(name)) return name as Steer;
  throw fail('INVALID_MISSING_REQUEST_FIELDS', {
    details: {
      issues: [
        { path: `/${field}`, message: `faceki-sandbox:${name} is not one of ${STEERS.join(', ')}` },
      ],
    },
  });
}
