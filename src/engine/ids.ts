// Deterministic ids and faker data: everything random is derived from (seed, namespace, counter)
// or (seed, resource id), so two sandboxes with one seed answer the same requests with the same bytes.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';

// Loaded on first use, to keep it out of the cold start; the English build alone, because the
// package root loads every locale into memory. Node ≥ 20.19 requires ES modules synchronously.
let englishFaker: Faker | undefined;
const fakerInstance = () =>
  (englishFaker ??= (
    createRequire(import.meta.url)('@faker-js/faker/locale/en') as { faker: Faker }
  ).faker);

export function hash32(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u001f')).digest().readUInt32BE(0);
}

export function hexFrom(bytes: number, ...parts: (string | number)[]): string {
  return createHash('sha256')
    .update(parts.join('\u001f'))
    .digest('hex')
    .slice(0, bytes * 2);
}

export interface IdSource {
  /** Next UUID v4 for this namespace and kind. */
  uuid(kind: string): string;
  /** Next short hex token for this namespace and kind. */
  token(kind: string, bytes?: number): string;
  /**
   * Next UUID v4 of a kind whose first eight hex digits encode its position n (0, 1, 2… per
   * namespace and kind) through a fixed permutation, so it still looks random; the other 88 random
   * bits come from the seeded stream. indexOfId() reads n back: the store keeps such records in an
   * array slot (Namespace.append) and finds one without hashing.
   */
  indexed(kind: string): string;
  /** Whether any id was issued yet (a source never used can be dropped and made again). */
  used(): boolean;
  /** Where every stream stands, so a durable backend resumes it and never issues an id twice. */
  save(): IdState;
}

/** An IdSource's position: each kind's sfc32 state and its count of indexed ids. */
export interface IdState {
  streams: Record<string, [number, number, number, number]>;
  positions: Record<string, number>;
}

// A bijection on 32-bit integers: murmur3's finaliser, offset so that position 0 does not map to 0.
const M1 = 0x85ebca6b;
const M2 = 0xc2b2ae35;
const inverse = (m: number) => {
  let x = m; // Newton's iteration for m⁻¹ mod 2³²: each step doubles the correct low bits (3 → 48)
  for (let i = 0; i < 4; i++) x = Math.imul(x, 2 - Math.imul(m, x));
  return x;
};
const I1 = inverse(M1);
const I2 = inverse(M2);
const OFFSET = 0x9e3779b9;

function permute(n: number): number {
  let h = (n + OFFSET) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, M1);
  h ^= h >>> 13;
  h = Math.imul(h, M2);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * What an indexed id's position is mixed with, per namespace (tenant): the first group of two
 * tenants' n-th ids differs, so ids do not tell who else uses the sandbox or how much.
 */
export const indexSalt = (namespace: string) => hash32('indexed', namespace);

/**
 * The position an id from IdSource.indexed() of the namespace with this salt encodes. Any other
 * string gives -1 or some number, so callers compare the id they find at that position.
 */
export function indexOfId(id: string, salt: number): number {
  if (id.length !== 36) return -1;
  let h = parseInt(id.slice(0, 8), 16);
  if (Number.isNaN(h)) return -1;
  h ^= h >>> 16;
  h = Math.imul(h, I2);
  h ^= (h >>> 13) ^ (h >>> 26);
  h = Math.imul(h, I1);
  h ^= h >>> 16;
  return ((h - OFFSET) ^ salt) >>> 0;
}

/** sfc32's starting state for (seed, namespace, kind), from sha256. */
function seedState(...parts: string[]): [number, number, number, number] {
  const h = createHash('sha256').update(parts.join('\u001f')).digest();
  return [h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8), h.readUInt32BE(12)];
}

type Stream = (() => number) & { state(): [number, number, number, number] };

/**
 * sfc32, a small fast PRNG, seeded per (seed, namespace, kind) from sha256: the n-th id of a kind is
 * the same in every sandbox with that seed, and costs a few additions instead of a hash per id.
 * It starts from a saved state when a durable backend kept one.
 */
function stream([a, b, c, d]: readonly number[]): Stream {
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return Object.assign(next, {
    state: (): [number, number, number, number] => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
  });
}

// Ids are written as bytes and read back as one flat string: a template literal of pieces would
// keep a tree of cons strings per id alive in every stored record.
const HEX = Buffer.from('0123456789abcdef', 'latin1');
const scratch = Buffer.alloc(256); // tokens up to 128 bytes

function putHex(n: number, at: number, digits = 8): number {
  for (let i = digits - 1; i >= 0; i--, n >>>= 4) scratch[at + i] = HEX[n & 15];
  return at + digits;
}

const DASH = 0x2d;

/** A UUID v4 from four draws of r, the first 32 bits given instead when first is set. */
function uuidFrom(r: () => number, first?: number): string {
  const a = r();
  const b = (r() & 0xffff0fff) | 0x00004000; // version 4
  const c = (r() & 0x3fffffff) | 0x80000000; // variant 10
  const d = r();
  putHex(first ?? a, 0);
  scratch[8] = DASH;
  putHex(b >>> 16, 9, 4);
  scratch[13] = DASH;
  putHex(b & 0xffff, 14, 4);
  scratch[18] = DASH;
  putHex(c >>> 16, 19, 4);
  scratch[23] = DASH;
  putHex(c & 0xffff, 24, 4);
  putHex(d, 28);
  return scratch.toString('latin1', 0, 36);
}

/**
 * `saved`: where a durable backend left this namespace's streams; `issued` runs after each id, so
 * the backend knows to write the new position back.
 */
export function createIdSource(
  seed: string,
  namespace: string,
  saved?: IdState,
  issued?: () => void,
): IdSource {
  const streams = new Map<string, Stream>();
  const next = (kind: string) => {
    issued?.();
    let s = streams.get(kind);
    if (!s)
      streams.set(kind, (s = stream(saved?.streams[kind] ?? seedState(seed, namespace, kind))));
    return s;
  };
  const positions = new Map<string, number>(Object.entries(saved?.positions ?? {}));
  const salt = indexSalt(namespace);
  return {
    uuid: (kind) => uuidFrom(next(kind)),
    token(kind, bytes = 16) {
      const r = next(kind);
      let at = 0;
      while (at < bytes * 2) at = putHex(r(), at);
      return scratch.toString('latin1', 0, bytes * 2);
    },
    indexed(kind) {
      const n = positions.get(kind) ?? 0;
      positions.set(kind, n + 1);
      return uuidFrom(next(kind), permute(n ^ salt));
    },
    used: () => streams.size > 0,
    save: () => ({
      streams: {
        ...saved?.streams,
        ...Object.fromEntries([...streams].map(([kind, s]) => [kind, s.state()])),
      },
      positions: Object.fromEntries(positions),
    }),
  };
}

export type Fake = <T>(key: string, build: (f: Faker) => T) => T;

/**
 * Reseeds the (shared, English) faker from (seed, key) before each use, so the same key always gives
 * the same data whichever sandbox asks; sharing is safe because a build runs synchronously.
 */
export function createFake(seed: string): Fake {
  return (key, build) => {
    const faker = fakerInstance();
    faker.seed(hash32(seed, key));
    return build(faker);
  };
}

/** A deterministic pseudo-random number in [0,1) for probabilistic faults. */
export function createRandom(seed: string): () => number {
  let n = 0;
  return () => hash32(seed, 'random', n++) / 2 ** 32;
}
