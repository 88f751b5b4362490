// Build step: each contracts/<name>/openapi.yaml parsed once into dist/contract-cache/<name>.json, keyed by
// the YAML's sha256, so a start reads JSON instead of parsing YAML (the loader checks the hash). The
// build's own compileContract (tsc has just written it) checks the schemas here; `checked` lets a start
// skip that check for these exact bytes, and a contract that fails it is left for the boot to refuse.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { compileContract } from '../dist/engine/contracts.js';

mkdirSync('dist/contract-cache', { recursive: true });
for (const name of readdirSync('contracts')) {
  let text;
  try {
    text = readFileSync(`contracts/${name}/openapi.yaml`, 'utf8');
  } catch {
    continue;
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  const document = yaml.load(text);
  let checked = true;
  try {
    compileContract(name, document);
  } catch {
    checked = false;
  }
  writeFileSync(`dist/contract-cache/${name}.json`, JSON.stringify({ sha256, checked, document }));
}
