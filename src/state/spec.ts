// What `--state` names: memory (the default), file:<dir> (an embedded LMDB database) or
// redis://host:port[/db] (a Redis server many instances share). Parsed once, at the config.

export type StateSpec =
  { kind: 'memory' } | { kind: 'file'; dir: string } | { kind: 'redis'; url: string };

export class StateSpecError extends Error {}

export function parseStateSpec(text: string | undefined): StateSpec {
  const t = (text ?? 'memory').trim();
  if (t === '' || t === 'memory') return { kind: 'memory' };
  if (t.startsWith('file:')) {
    const dir = t.slice('file:'.length);
    if (!dir)
      throw new StateSpecError('state file:<dir> needs a directory, e.g. file:./.kyc-state');
    return { kind: 'file', dir };
  }
  if (/^rediss?:\/\/[^/\s?]+(\/\d+)?\/?(\?prefix=[\w:.-]+)?$/.test(t))
    return { kind: 'redis', url: t };
  throw new StateSpecError(
    `state must be memory, file:<dir> or redis://host:port[/db][?prefix=name:], got "${t}"`,
  );
}

/** The spec as text (what health and the banner show; a Redis password is masked). */
export function describeState(spec: StateSpec): string {
  if (spec.kind === 'memory') return 'memory';
  if (spec.kind === 'file') return `file:${spec.dir}`;
  return spec.url.replace(/\/\/[^@/]*@/, '//***@');
}
