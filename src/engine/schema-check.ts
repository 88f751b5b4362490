// The boot-time check of a contract schema, cheap enough for every start (ajv compiles validators
// later, on first use): every keyword is a JSON Schema 2020-12 (or OpenAPI) keyword, so a typo such
// as `propertees` fails the boot; the common keywords have values of the right kind (`type: strng`
// fails); and every $ref names a schema that exists.

const KEYWORDS = new Set([
  '$schema',
  '$id',
  '$ref',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$defs',
  '$comment',
  '$vocabulary',
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'format',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'prefixItems',
  'items',
  'contains',
  'properties',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
  // OpenAPI 3.1 additions to the schema object.
  'example',
  'discriminator',
  'xml',
  'externalDocs',
]);
const SCHEMA = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const VALUE_CHECKS: Record<string, (v: unknown) => boolean> = {
  type: (v) =>
    Array.isArray(v)
      ? v.length > 0 && v.every((t) => TYPES.has(t as string))
      : TYPES.has(v as string),
  enum: (v) => Array.isArray(v) && v.length > 0,
  required: (v) => Array.isArray(v) && v.every((r) => typeof r === 'string'),
  minLength: isCount,
  maxLength: isCount,
  minItems: isCount,
  maxItems: isCount,
  minProperties: isCount,
  maxProperties: isCount,
  minimum: (v) => typeof v === 'number',
  maximum: (v) => typeof v === 'number',
  exclusiveMinimum: (v) => typeof v === 'number',
  exclusiveMaximum: (v) => typeof v === 'number',
  format: (v) => typeof v === 'string',
  $ref: (v) => typeof v === 'string',
  pattern: (v) => {
    try {
      return typeof v === 'string' && new RegExp(v, 'u') instanceof RegExp;
    } catch {
      return false;
    }
  },
};

/** The first problem found, as "at <path>: <what>", or null. */
export function checkSchema(
  schema: unknown,
  componentExists: (name: string) => boolean,
  at = '#',
): string | null {
  if (typeof schema === 'boolean') return null;
  if (!isObject(schema)) return `at ${at}: a schema must be an object`;
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key)) return `at ${at}: unknown keyword "${key}"`;
    if (VALUE_CHECKS[key] && !VALUE_CHECKS[key](schema[key]))
      return `at ${at}: bad value for "${key}": ${JSON.stringify(schema[key])}`;
  }
  const ref = schema.$ref;
  if (
    typeof ref === 'string' &&
    ref.startsWith('#/components/schemas/') &&
    !componentExists(ref.slice(21))
  )
    return `at ${at}: unresolved $ref ${ref}`;
  for (const k of SCHEMA)
    if (k in schema) {
      const p = checkSchema(schema[k], componentExists, `${at}/${k}`);
      if (p) return p;
    }
  for (const k of SCHEMA_MAPS)
    if (isObject(schema[k])) {
      for (const [name, sub] of Object.entries(schema[k] as Json)) {
        const p = checkSchema(sub, componentExists, `${at}/${k}/${name}`);
        if (p) return p;
      }
    }
  for (const k of SCHEMA_LISTS)
    if (Array.isArray(schema[k])) {
      for (const [i, sub] of (schema[k] as unknown[]).entries()) {
        const p = checkSchema(sub, componentExists, `${at}/${k}/${i}`);
        if (p) return p;
      }
    }
  return null;
}
