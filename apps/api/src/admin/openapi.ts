import { applyDecorators } from '@nestjs/common';
import { ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The OpenAPI form of a request schema as a client writes it (zod's input side): fields with defaults are
 * optional and coerced query values accept their raw form. `openApi()` in common/zod.ts describes the output.
 */
export function openApiInput(schema: z.ZodType): SchemaObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** Documents each field of a zod query object as an OpenAPI query parameter. */
export function ApiQueryOf(schema: z.ZodObject): MethodDecorator {
  const json = openApiInput(schema) as { properties?: Record<string, SchemaObject>; required?: string[] };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) => {
      const { description, ...rest } = property;
      return ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) });
    }),
  );
}
