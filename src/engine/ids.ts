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

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

export function createIdSource(seed: string, namespace: string): IdSource {
  const streams = new Map<string, () => number>();
  const next = (kind: string) => {
    let s = streams.get(kind);
    if (!s) streams.set(kind, (s = stream(seed, namespace, kind)));
    return s;
  };
  return {
    uuid(kind) {
      const r = next(kind);
      const a = hex8(r());
      const b = hex8(((r() & 0xffff0fff) | 0x00004000) >>> 0); // version 4
      const c = hex8(((r() & 0x3fffffff) | 0x80000000) >>> 0); // variant 10
      const d = hex8(r());
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
    },
    token(kind, bytes = 16) {
      const r = next(kind);
      let out = '';
      while (out.length < bytes * 2) out += hex8(r());
      return out.slice(0, bytes * 2);
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
