// Build step: each contracts/<name>/openapi.yaml parsed once into dist/contract-cache/<name>.json, keyed by
// the YAML's sha256, so a start reads JSON instead of parsing YAML (the loader checks the hash).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';

mkdirSync('dist/contract-cache', { recursive: true });
for (const name of readdirSync('contracts')) {
  let text;
  try {
    text = readFileSync(`contracts/${name}/openapi.yaml`, 'utf8');
  } catch {
    continue;
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  writeFileSync(`dist/contract-cache/${name}.json`, JSON.stringify({ sha256, document: yaml.load(text) }));
}
