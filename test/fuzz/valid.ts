/**
 * Values that pass a route's schema, from its OpenAPI (JSON Schema) description: the fuzzer's
 * second step puts ONE hostile value into an otherwise valid body (or path, or query), so that NUL
 * bytes, huge numbers and the like get past validation of the other fields and reach the use case.
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

const HAN = fc.constantFrom(...'路灯不亮垃圾清理帮忙交电费村务公开赵王李张奶爷');

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 20, Math.max(min, 20));
  const fits = (v: string) => v.length >= min && v.length <= (s.maxLength ?? Infinity);
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  switch (s.format) {
    case 'date-time':
      return fc
        .integer({ min: 1, max: 30 * 86_400 })
        .map((sec) => new Date(Date.now() - sec * 1000).toISOString());
    case 'date':
      return fc.constantFrom('2026-01-05', '2026-03-02', '2026-12-31');
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.constant('matrix@example.org');
    case 'uri':
      return fc.constant('https://example.org/a.jpg');
    default:
      return fc.string({ unit: HAN, minLength: Math.max(min, 1), maxLength: Math.max(max, 1) });
  }
}

/** A value that satisfies `s` (as far as JSON Schema says: cross-field rules are the route's). */
export function validArb(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => validArb(a, depth + 1)));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const type = types.find((t) => t !== 'null') ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      return fc.integer({ min, max: Math.min(s.maximum ?? min + 100, min + 100) });
    }
    case 'number': {
      const min = s.minimum ?? s.exclusiveMinimum ?? 0;
      return fc.double({ min, max: Math.min(s.maximum ?? min + 100, min + 100), noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validArb(s.items, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 2, 2)),
      });
    case 'object': {
      const props = s.properties ?? {};
      const req = new Set(s.required ?? []);
      return fc.record(
        Object.fromEntries(
          Object.entries(props).map(([k, v]) => [
            k,
            req.has(k) ? validArb(v, depth + 1) : fc.option(validArb(v, depth + 1), { nil: undefined }),
          ]),
        ),
      );
    }
    default:
      return fc.constant(s.default ?? null);
  }
}

/** A valid object for `s` with exactly one of its fields (required or not) replaced by `hostile`. */
export function oneHostileField(
  s: JsonSchema | undefined,
  hostile: fc.Arbitrary<unknown>,
): fc.Arbitrary<string> | undefined {
  const keys = Object.keys(s?.properties ?? {});
  if (keys.length === 0) return undefined;
  return fc
    .tuple(validArb(s), fc.constantFrom(...keys), hostile)
    .map(([body, key, value]) => JSON.stringify({ ...(body as object), [key]: value }));
}
