import { BadRequestException, createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { type SchemaObject } from '@nestjs/swagger';

/**
 * The OpenAPI form of a request schema as a client writes it (zod's input side): fields with defaults are
 * optional and coerced values accept their raw form.
 */
export function openApiInput(schema: z.ZodType): SchemaObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** The OpenAPI form of a zod schema, so one schema validates the request and documents it. */
export function openApi(schema: z.ZodType): SchemaObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** Validates a body, query or param with a zod schema; a failure is a 400 naming every bad field. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new BadRequestException({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message: 'Yêu cầu không hợp lệ / The request is malformed',
      problems: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
}

export const zodPipe = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);

/** A request header validated by a zod schema (a missing header is validated as `undefined`). */
export const ValidHeader = createParamDecorator((spec: { name: string; schema: z.ZodType }, context: ExecutionContext): unknown => {
  const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  const raw = request.headers[spec.name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const result = spec.schema.safeParse(value);
  if (result.success) return result.data;
  throw new BadRequestException({
    statusCode: 400,
    code: 'MALFORMED_REQUEST',
    message: `Tiêu đề ${spec.name} thiếu hoặc sai / Header ${spec.name} is missing or malformed`,
    problems: result.error.issues.map((issue) => ({ path: spec.name, message: issue.message })),
  });
});
