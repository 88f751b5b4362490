// A provider's options (variants where vendor docs conflict, TTLs): defaults merged with what the
// config gives, each checked against its spec so a bad value fails the boot with a hint.
import type { ProviderModule } from './define-provider.js';
import { parseDuration } from './duration.js';
import { SandboxError } from './errors.js';

export function resolveOptions(
  provider: ProviderModule,
  given: Record<string, string>,
): Record<string, string> {
  const spec = provider.options ?? {};
  for (const [name, value] of Object.entries(given)) {
    const s = spec[name];
    if (!s)
      throw new SandboxError(
        400,
        'bad_option',
        `${provider.name} has no option "${name}"`,
        `options: ${Object.keys(spec).join(', ') || 'none'}`,
      );
    if (s.choices && !s.choices.includes(value))
      throw new SandboxError(
        400,
        'bad_option',
        `${provider.name}.${name}=${value}`,
        `one of: ${s.choices.join(', ')}`,
      );
    if (s.type === 'duration' && parseDuration(value) === undefined)
      throw new SandboxError(
        400,
        'bad_option',
        `${provider.name}.${name}=${value} is not a duration`,
        'e.g. 90s, 15m, 24h, 7d',
      );
    if (s.type === 'int' && !/^\d+$/.test(value))
      throw new SandboxError(
        400,
        'bad_option',
        `${provider.name}.${name}=${value} is not a whole number`,
      );
  }
  return Object.freeze({
    ...Object.fromEntries(Object.entries(spec).map(([k, s]) => [k, s.default])),
    ...given,
  });
}
