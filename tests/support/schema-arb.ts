// fast-check arbitraries generated from the JSON Schemas of the OpenAPI document: values that satisfy a
// schema, values that break it in one place, and raw bodies that are not what the schema describes.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  nullable?: boolean;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Strings an attacker likes: injections, traversal, control and odd Unicode characters. */
export const NASTY_STRINGS = [
  '',
  ' ',
  "' OR '1'='1' --",
  '"; DROP TABLE orders; --',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '\u0000',
  '\u202e\u0644\u0627',
  '😀'.repeat(40),
  'a\u0301'.repeat(30),
  '\ud800',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e308',
  'null',
  'true',
  'x'.repeat(10_000),
];

const NASTY_NUMBERS = [
  0,
  -1,
  -0,
  0.5,
  1.5,
  -1e308,
  1e308,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
];

const small = (lo: number, hi: number) => fc.integer({ min: lo, max: Math.max(lo, Math.min(hi, lo + 60)) });

/** Values that satisfy `schema` (as far as JSON Schema says; server rules may still refuse them). */
export function validOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const base = validBase(schema, depth);
  return schema.nullable
    ? fc.oneof({ weight: 5, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) })
    : base;
}

function validBase(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf ?? s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf ?? []).map((x) => validOf(x, depth + 1)));
  switch (s.type) {
    case 'object': {
      const props = s.properties ?? {};
      const required = s.required ?? [];
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = validOf(v, depth + 1);
      return fc.record(model, { requiredKeys: required.filter((k) => k in props) });
    }
    case 'array': {
      const min = s.minItems ?? 0;
      const max = Math.min(s.maxItems ?? 5, min + 5);
      return fc.array(validOf(s.items ?? {}, depth + 1), { minLength: min, maxLength: max });
    }
    case 'string': {
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
      const min = s.minLength ?? 0;
      const max = Math.min(s.maxLength ?? 40, min + 40);
      return fc.oneof(
        fc.string({ minLength: min, maxLength: max }),
        fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
        fc.string({ minLength: min, maxLength: max, unit: 'binary' }),
      );
    }
    case 'integer': {
      const lo =
        typeof s.exclusiveMinimum === 'number'
          ? s.exclusiveMinimum + 1
          : (s.minimum ?? -1_000_000) + (s.exclusiveMinimum === true ? 1 : 0);
      const hi = Math.min(s.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
      // Ids and counts live near the bottom of their range: favour it.
      return fc.oneof(
        { weight: 3, arbitrary: small(lo, hi) },
        { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) },
      );
    }
    case 'number':
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        min: s.minimum ?? -1e6,
        max: s.maximum ?? 1e6,
      });
    case 'boolean':
      return fc.boolean();
    case undefined:
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of the wrong kind for `schema`, or out of its bounds. */
export function wrongOf(s: JsonSchema): fc.Arbitrary<unknown> {
  const kinds: fc.Arbitrary<unknown>[] = [
    fc.constantFrom<unknown>(null, true, [], {}, 'text', 0, -1),
    fc.constantFrom(...NASTY_STRINGS),
    fc.constantFrom(...NASTY_NUMBERS),
    fc.jsonValue({ maxDepth: 3 }),
  ];
  if (s.type === 'string') {
    if (s.maxLength !== undefined) kinds.push(fc.constant('y'.repeat(s.maxLength + 1)));
    if (s.minLength) kinds.push(fc.constant('z'.repeat(s.minLength - 1)));
  }
  if (s.type === 'integer' || s.type === 'number') {
    if (s.maximum !== undefined) kinds.push(fc.constant(s.maximum + 1));
    if (s.minimum !== undefined) kinds.push(fc.constant(s.minimum - 1));
    kinds.push(fc.double({ noNaN: true }));
  }
  if (s.type === 'array') {
    kinds.push(fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 0, maxLength: 8 }));
    if (s.maxItems !== undefined)
      kinds.push(fc.constant(Array.from({ length: s.maxItems + 1 }, (_, i) => i + 1)));
  }
  if (s.enum) kinds.push(fc.string({ maxLength: 12 }));
  return fc.oneof(...kinds);
}

/** A valid object with one property broken, one required property missing, or an unknown one added. */
export function brokenObjectOf(s: JsonSchema): fc.Arbitrary<unknown> {
  const props = Object.entries(s.properties ?? {});
  if (s.type !== 'object' || props.length === 0) return wrongOf(s);
  const base = validOf(s) as fc.Arbitrary<Record<string, unknown>>;
  const [names, schemas] = [props.map(([k]) => k), Object.fromEntries(props)];
  return fc.oneof(
    fc
      .tuple(base, fc.constantFrom(...names))
      .chain(([v, k]) => wrongOf(schemas[k] ?? {}).map((bad) => ({ ...v, [k]: bad }))),
    fc
      .tuple(base, fc.constantFrom(...names))
      .map(([v, k]) => Object.fromEntries(Object.entries(v).filter(([name]) => name !== k))),
    fc
      .tuple(base, fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([v, k, x]) => ({
        ...v,
        [k]: x,
      })),
    // Nested where flat is expected, and the other way round.
    base.map((v) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, [x]]))),
    base.map((v) => ({ data: v })),
  );
}

/** Raw request bodies that are not JSON, or JSON nobody should send. */
export const RAW_BODIES = [
  '{',
  '[',
  '{"a":',
  'not json',
  '"string"',
  '{"a":1,"a":2}',
  '\ufeff{}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"n":1e999999}',
  '{"n":-0}',
  `${'['.repeat(2000)}${']'.repeat(2000)}`,
  `{"deep":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`,
  '{}garbage',
  '\u0000',
  'null',
];

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
];
