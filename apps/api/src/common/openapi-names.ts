// Names every request and response body of the OpenAPI document (issue 18): a body, or a part of one, that is
// exactly the JSON form of an exported zod schema becomes `#/components/schemas/<export name>` (the schemas that
// validate the requests and type the answers); a body that matches none is named after its operation. Clients then
// get one type per shape instead of a copy per path.
import { type OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { openApi, openApiInput } from './zod.js';

type Json = Record<string, unknown>;
type Mode = 'output' | 'input';

/** JSON with sorted keys: two schemas are the same shape when their canonical forms are equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Json)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Shapes worth a name: objects with properties, unions, arrays of those (not a bare string or number). */
function worthNaming(schema: Json): boolean {
  if (schema.properties !== undefined || schema.anyOf !== undefined || schema.oneOf !== undefined) return true;
  return schema.type === 'array' && typeof schema.items === 'object' && schema.items !== null && worthNaming(schema.items as Json);
}

interface Candidate {
  name: string;
  mode: Mode;
  schema: Json;
}

/** The exported zod schemas of the given modules, by export name (the first export of a shape wins). */
export function exportedSchemas(modules: readonly Record<string, unknown>[]): Map<string, z.ZodType> {
  const found = new Map<string, z.ZodType>();
  for (const module of modules) {
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof z.ZodType && /^[A-Z]/.test(name) && !found.has(name)) found.set(name, value);
    }
  }
  return found;
}

function pascal(text: string): string {
  return text
    .replace(/Controller_/g, '_')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Replaces, in place, every request and response body (and every named shape inside one) by a `$ref` to
 * `components.schemas`. A schema used both as a request (input form) and an answer (output form) whose two forms
 * differ gets `<Name>Input` for the request.
 */
export function nameBodySchemas(document: OpenAPIObject, named: Map<string, z.ZodType>): void {
  const byShape = new Map<string, Candidate>();
  for (const [name, schema] of named) {
    for (const mode of ['output', 'input'] as const) {
      let json: Json;
      try {
        json = (mode === 'output' ? openApi(schema) : openApiInput(schema)) as Json;
      } catch {
        continue; // a schema with no JSON form (a transform only) documents nothing
      }
      if (!worthNaming(json)) continue;
      const key = canonical(json);
      if (!byShape.has(key)) byShape.set(key, { name, mode, schema: json });
    }
  }
  const schemas = ((document.components ??= {}).schemas ??= {}) as Record<string, Json>;
  const chosen = new Map<string, string>(); // canonical shape → component name
  const nameOf = (candidate: Candidate, key: string): string => {
    const existing = chosen.get(key);
    if (existing) return existing;
    let name = candidate.name;
    // The same export already named in its other form (or another shape): this form takes a suffix.
    if (schemas[name] !== undefined && canonical(schemas[name]) !== key) name = `${candidate.name}${candidate.mode === 'input' ? 'Input' : 'Output'}`;
    for (let n = 2; schemas[name] !== undefined && canonical(schemas[name]) !== key; n += 1) name = `${candidate.name}${n}`;
    chosen.set(key, name);
    return name;
  };

  /** The schema with every named part (itself included, unless `keepRoot`) replaced by a reference. */
  const refer = (schema: unknown, fallback?: string): unknown => {
    if (Array.isArray(schema)) return schema.map((item) => refer(item));
    if (schema === null || typeof schema !== 'object') return schema;
    const json = schema as Json;
    if (typeof json.$ref === 'string') return json;
    const key = canonical(json);
    const candidate = byShape.get(key);
    if (candidate || (fallback && worthNaming(json))) {
      const name = candidate ? nameOf(candidate, key) : nameOf({ name: fallback!, mode: 'output', schema: json }, key);
      if (schemas[name] === undefined) {
        schemas[name] = {}; // reserved before the children, so a shape that contains itself refers to itself
        schemas[name] = referChildren(json);
      }
      return { $ref: `#/components/schemas/${name}` };
    }
    return referChildren(json);
  };
  const referChildren = (json: Json): Json =>
    Object.fromEntries(Object.entries(json).map(([field, value]) => [field, field === 'enum' || field === 'required' ? value : refer(value)]));

  type Content = Record<string, { schema?: unknown }>;
  type Operation = { operationId?: string; requestBody?: { content?: Content }; responses?: Record<string, { content?: Content }> };
  const operations = Object.values(document.paths).flatMap((item) =>
    Object.entries(item as Record<string, Operation>).filter(
      ([, operation]) => typeof operation === 'object' && operation !== null && 'responses' in operation,
    ),
  );
  // Answers first, so an export used both ways keeps its plain name for the answer and the request gets `Input`.
  for (const [method, operation] of operations) {
    const base = pascal(operation.operationId ?? method);
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      for (const content of Object.values(response.content ?? {})) {
        if (content.schema !== undefined) content.schema = refer(content.schema, `${base}Response${status === '200' || status === '201' ? '' : status}`);
      }
    }
  }
  for (const [method, operation] of operations) {
    const base = pascal(operation.operationId ?? method);
    for (const content of Object.values(operation.requestBody?.content ?? {})) {
      if (content.schema !== undefined) content.schema = refer(content.schema, `${base}Request`);
    }
  }
}
