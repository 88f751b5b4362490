// Deterministic ids and faker data: everything random is derived from (seed, namespace, counter)
// or (seed, resource id), so two sandboxes with one seed answer the same requests with the same bytes.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';

// Loaded on first use, to keep it out of the cold start; the English build alone, because the
// package root loads every locale (~35 MB more RSS). Node ≥ 20.19 requires ES modules synchronously.
let englishFaker: Faker | undefined;
const fakerInstance = () => (englishFaker ??= (createRequire(import.meta.url)('@faker-js/faker/locale/en') as { faker: Faker }).faker);

export function hash32(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u001f')).digest().readUInt32BE(0);
}

export function hexFrom(bytes: number, ...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, bytes * 2);
}

export interface IdSource {
  /** Next UUID v4 for this namespace and kind. */
  uuid(kind: string): string;
  /** Next short hex token for this namespace and kind. */
  token(kind: string, bytes?: number): string;
}

/**
 * sfc32, a small fast PRNG, seeded per (seed, namespace, kind) from sha256: the n-th id of a kind is
 * the same in every sandbox with that seed, and costs a few additions instead of a hash per id.
 */
function stream(...parts: string[]): () => number {
  const h = createHash('sha256').update(parts.join('\u001f')).digest();
  let a = h.readUInt32BE(0);
  let b = h.readUInt32BE(4);
  let c = h.readUInt32BE(8);
  let d = h.readUInt32BE(12);
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

// Ids are written as bytes and read back as one flat string: a template literal of pieces would
// keep a tree of cons strings per id alive in every stored record (~250 bytes per id).
const HEX = Buffer.from('0123456789abcdef', 'latin1');
const scratch = Buffer.alloc(256); // tokens up to 128 bytes

function putHex(n: number, at: number, digits = 8): number {
  for (let i = digits - 1; i >= 0; i--, n >>>= 4) scratch[at + i] = HEX[n & 15];
  return at + digits;
}

export function createIdSource(seed: string, namespace: string): IdSource {
  const streams = new Map<string, () => number>();
  const next = (kind: string) => {
    let s = streams.get(kind);
    if (!s) streams.set(kind, (s = stream(seed, namespace, kind)));
    return s;
  };
  const DASH = 0x2d;
  return {
    uuid(kind) {
      const r = next(kind);
      const a = r();
      const b = (r() & 0xffff0fff) | 0x00004000; // version 4
      const c = (r() & 0x3fffffff) | 0x80000000; // variant 10
      const d = r();
      putHex(a, 0);
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
    },
    token(kind, bytes = 16) {
      const r = next(kind);
      let at = 0;
      while (at < bytes * 2) at = putHex(r(), at);
      return scratch.toString('latin1', 0, bytes * 2);
    },
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
