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

/** C0 and C1 control characters (tab and newline included: a name is one line). */
const isControl = (code: number): boolean => code <= 0x1f || (code >= 0x7f && code <= 0x9f);
/** Bidirectional embeddings, overrides and isolates: they make a name read differently from what it is. */
const isBidiOverride = (code: number): boolean => (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
/** Characters that show nothing: a name made only of these (and spaces) is empty to a reader. */
const INVISIBLE = new Set([
  0x00ad, 0x034f, 0x115f, 0x1160, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x3164, 0xfeff,
]);
const isBlank = (char: string): boolean => /\s/u.test(char) || INVISIBLE.has(char.codePointAt(0) ?? 0);
const codes = (value: string): number[] => Array.from(value, (char) => char.codePointAt(0) ?? 0);

/**
 * A name or title a person types: trimmed, within bounds, one line, no control characters, no bidi overrides, and
 * something visible (not only zero-width characters). Used by every DTO field that names or titles a record.
 */
export function safeText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !codes(value).some(isControl), 'must not contain control characters (tab, newline, …)')
    .refine((value) => !codes(value).some(isBidiOverride), 'must not contain bidirectional override characters')
    .refine((value) => !Array.from(value).every(isBlank), 'must contain visible characters');
}

/** A body that repeats the path's command type must repeat it exactly (400 otherwise). */
export function checkBodyType(pathType: string, bodyType: string | undefined): void {
  if (bodyType === undefined || bodyType === pathType) return;
  throw new BadRequestException({
    statusCode: 400,
    code: 'MALFORMED_REQUEST',
    message: 'Loại lệnh trong nội dung khác loại lệnh trong đường dẫn / The body’s type differs from the path’s',
    problems: [{ path: 'type', message: `expected "${pathType}"` }],
  });
}
