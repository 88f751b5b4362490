// The provider registry: one line per provider.
import type { ProviderModule } from '../engine/index.js';
import { capa } from './capa/index.js';

export const providers: readonly ProviderModule[] = [capa];
