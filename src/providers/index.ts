// The provider registry: one line per provider.
import type { ProviderModule } from '../engine/index.js';
import { baanx } from './baanx/index.js';
import { capa } from './capa/index.js';
import { faceki } from './faceki/index.js';
import { gu1 } from './gu1/index.js';
import { kulipa } from './kulipa/index.js';

export const providers: readonly ProviderModule[] = [capa, kulipa, faceki, gu1, baanx];
