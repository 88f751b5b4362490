import { SandboxError } from './errors.js';

// Parses human durations such as "90s", "15m", "6h", "7d", "1d12h" or a bare number of milliseconds.

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

export function parseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : undefined;
  const text = input.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h|d|w))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(PART)) total += Number(n) * UNITS[unit];
  return total;
}

/** A duration an operator gave (text or milliseconds), or a sandbox 400 naming the field. */
export function durationOf(value: unknown, field: string): number {
  const ms =
    typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
  if (ms === undefined)
    throw new SandboxError(
      400,
      'bad_duration',
      `"${field}" must be a duration`,
      'e.g. "90s", "15m", "24h", "7d", or milliseconds',
    );
  return ms;
}
