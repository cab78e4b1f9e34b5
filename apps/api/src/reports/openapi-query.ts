import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { type z } from 'zod';
import { openApi } from '../common/zod.js';

/** Documents every field of a zod query schema as an OpenAPI query parameter (so the generated client types them). */
export function ApiQueryOf(schema: z.ZodObject) {
  const json = openApi(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name) && property.default === undefined, schema: property }),
    ),
  );
}
