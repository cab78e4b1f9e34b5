import { ConflictException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';

export const notFound = (what: string, english: string) =>
  new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: `Không tìm thấy ${what} / ${english} not found` });

/** A 409 with the same business code the database's unique constraint maps to (common/constraint-errors.ts), so a caller
 * sees one code whether the pre-check or the race refused it. */
export const conflict = (code: string, message: string) => new ConflictException({ statusCode: 409, code, message });

export const ruleViolation = (code: string, message: string) => new HttpException({ statusCode: 422, code, message }, HttpStatus.UNPROCESSABLE_ENTITY);

/** PostgreSQL unique_violation, for the race a pre-check cannot close. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code === '23505' || (error as { code?: unknown }).code === '23505';
}
