// A provider's options (variants where vendor docs conflict, TTLs): defaults merged with what the
// config gives, each checked against its spec and parsed once into a typed value (a duration into
// milliseconds, an int into a number), so a bad value fails the boot with a hint and no request
// ever parses an option again.
import type { OptionSpec, ParsedOptions, ProviderModule } from './define-provider.js';
import { parseDuration } from './duration.js';
import { SandboxError } from './errors.js';

/** The value an option spec parses to. */
export type OptionValue<S extends OptionSpec> = S['type'] extends 'duration' | 'int'
  ? number
  : S['choices'] extends readonly (infer C)[]
    ? C
    : string;

/** A provider's parsed options, typed from its spec: `kit.options as OptionValues<typeof specs>`. */
export type OptionValues<T extends Readonly<Record<string, OptionSpec>>> = {
  readonly [K in keyof T]: OptionValue<T[K]>;
};

function parse(provider: string, name: string, s: OptionSpec, value: string): string | number {
  const bad = (why: string, hint?: string) =>
    new SandboxError(400, 'bad_option', `${provider}.${name}=${value}${why}`, hint);
  if (s.choices && !s.choices.includes(value)) throw bad('', `one of: ${s.choices.join(', ')}`);
  if (s.type === 'duration') {
    const ms = parseDuration(value);
    if (ms === undefined) throw bad(' is not a duration', 'e.g. 90s, 15m, 24h, 7d');
    return ms;
  }
  if (s.type === 'int') {
    if (!/^\d+$/.test(value)) throw bad(' is not a whole number');
    return Number(value);
  }
  return value;
}

export function resolveOptions(
  provider: ProviderModule,
  given: Record<string, string>,
): ParsedOptions {
  const spec = provider.options ?? {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(spec, name))
      throw new SandboxError(
        400,
        'bad_option',
        `${provider.name} has no option "${name}"`,
        `options: ${Object.keys(spec).join(', ') || 'none'}`,
      );
  }
  return Object.freeze(
    Object.fromEntries(
      Object.entries(spec).map(([name, s]) => [
        name,
        parse(provider.name, name, s, given[name] ?? s.default),
      ]),
    ),
  );
}

/** The options as text again (the admin API and the banner show what was configured). */
export const optionsAsText = (
  provider: ProviderModule,
  given: Record<string, string> = {},
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(provider.options ?? {}).map(([name, s]) => [name, given[name] ?? s.default]),
  );
