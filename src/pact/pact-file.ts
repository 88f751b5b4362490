// Reading pact files (V2 to V4) far enough to route them: who the provider is, which states and
// message descriptions they use. Folders are read one level deep, *.json only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface PactState {
  name: string;
  params?: Record<string, unknown>;
}

export interface PactInteraction {
  type?: string;
  description: string;
  providerState?: string;
  providerStates?: PactState[];
  request?: { method?: string; path?: string };
  response?: { status?: number };
  /** PactV4: a new interaction whose failure is reported, never fatal. */
  pending?: boolean;
}

export interface PactFile {
  path: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
  /** V3 message pacts keep their messages apart from HTTP interactions. */
  messages: PactInteraction[];
}

/** Every *.json pact under the given files and folders; throws with the path when one is unreadable. */
export function loadPacts(paths: readonly string[]): PactFile[] {
  const files = paths.flatMap((p) => {
    const abs = resolve(p);
    const stat = statSync(abs, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${p}: no such file or folder`);
    if (!stat.isDirectory()) return [abs];
    return readdirSync(abs)
      .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
      .sort()
      .map((f) => join(abs, f));
  });
  return files.map(readPact);
}

export function readPact(path: string): PactFile {
  let raw: {
    consumer?: { name?: string };
    provider?: { name?: string };
    interactions?: PactInteraction[];
    messages?: PactInteraction[];
  };
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not a JSON pact file (${(err as Error).message})`, { cause: err });
  }
  if (!raw.provider?.name || !raw.consumer?.name)
    throw new Error(`${path}: not a pact file (no consumer.name / provider.name)`);
  return {
    path,
    consumer: raw.consumer.name,
    provider: raw.provider.name,
    interactions: raw.interactions ?? [],
    messages: raw.messages ?? [],
  };
}

/** The states an interaction asks for, whichever spec version wrote it. */
export const statesOf = (i: PactInteraction): PactState[] =>
  i.providerStates ?? (i.providerState ? [{ name: i.providerState }] : []);

export const isMessage = (i: PactInteraction, file: PactFile) =>
  file.messages.includes(i) ||
  i.type === 'Asynchronous/Messages' ||
  i.type === 'Synchronous/Messages';

export const allInteractions = (f: PactFile) => [...f.interactions, ...f.messages];
