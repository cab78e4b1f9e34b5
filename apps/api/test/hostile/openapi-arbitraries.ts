// fast-check arbitraries for HTTP requests built from the API's OpenAPI document: mostly schema-shaped values
// with mutations (wrong types, missing and extra fields, boundary and oversized values), plus pure junk.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  nullable?: boolean;
  $ref?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

export interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query' | 'header'; schema?: JsonSchema }[];
  body?: { contentType: string; schema?: JsonSchema };
}

interface RawOperation {
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const content = operation.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      operations.push({
        method: method.toUpperCase(),
        path,
        params: (operation.parameters ?? []).filter((p) => ['path', 'query', 'header'].includes(p.in)) as Operation['params'],
        ...(contentType ? { body: { contentType, schema: content[contentType]?.schema } } : {}),
      });
    }
  }
  return operations;
}

export const junkString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    'null',
    'NaN',
    '-1',
    '1e309',
    '9999999999999999999999',
    'Đắk Lắk',
    '🙂',
    '\u0000',
  ),
  fc.integer({ min: 1000, max: 20000 }).map((n) => 'x'.repeat(n)),
);

export const junkJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, true, 0, -1, 1e308, [], {}, ''),
  junkString,
  fc.integer({ min: 10, max: 200 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
);

function resolve(schema: JsonSchema | undefined, document: OpenApiDocument): JsonSchema | undefined {
  if (!schema?.$ref) return schema;
  return document.components?.schemas?.[schema.$ref.split('/').pop()!];
}

function shapedValue(schema: JsonSchema, document: OpenApiDocument, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.oneof(fc.constantFrom(...schema.enum), junkString);
  switch (schema.type) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {}).map(([name, property]) =>
        fc.option(
          valueFor(property, document, depth + 1).map((value) => [name, value] as const),
          { freq: required.has(name) ? 8 : 2 },
        ),
      );
      const extra = fc.option(fc.tuple(junkString, junkJson), { freq: 4 });
      return fc.tuple(fc.tuple(...fields), extra).map(([pairs, more]) => {
        const kept = pairs.filter((pair): pair is readonly [string, unknown] => pair !== null);
        return Object.fromEntries(more ? [...kept, more] : kept);
      });
    }
    case 'array':
      return fc.array(valueFor(schema.items, document, depth + 1), { maxLength: 5 });
    case 'integer':
    case 'number':
      return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 0, Number.MAX_SAFE_INTEGER, -1));
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.format === 'uuid') return fc.oneof(fc.uuid(), junkString);
      if (schema.format === 'email') return fc.oneof(fc.emailAddress(), junkString);
      if (schema.format === 'date' || schema.format === 'date-time') {
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          junkString,
        );
      }
      return fc.oneof(fc.string({ maxLength: schema.maxLength ?? 60 }), junkString);
    default:
      return junkJson;
  }
}

/** A value for a schema: usually close to valid, sometimes broken in one place, sometimes junk. */
export function valueFor(schema: JsonSchema | undefined, document: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, document);
  if (!resolved || depth > 4) return junkJson;
  const variants = resolved.anyOf ?? resolved.oneOf;
  if (variants && variants.length > 0) return fc.oneof(...variants.map((variant) => valueFor(variant, document, depth + 1)));
  return fc.oneof({ arbitrary: shapedValue(resolved, document, depth), weight: 4 }, { arbitrary: junkJson, weight: 1 });
}
