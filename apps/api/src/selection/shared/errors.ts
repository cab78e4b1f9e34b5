import { BadRequestException, ConflictException, ForbiddenException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

/** Out of scope looks exactly like missing (DESIGN.md §2): one 404 for both. */
export const notFound = (what = 'Không tìm thấy / Not found') => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: what });

/** A request that conflicts with the record's current state (wrong status, already decided, …). */
export const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new ConflictException({ statusCode: 409, code, message, details });

/** Well-formed input that breaks a business rule (incomplete dossier, foreign documents, …). */
export const unprocessable = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new UnprocessableEntityException({ statusCode: 422, code, message, details });

export const badRequest = (message: string, details: Record<string, unknown> = {}) =>
  new BadRequestException({ statusCode: 400, code: 'MALFORMED_REQUEST', message, details });

/** The caller's grants do not reach the unit the record belongs to (used where the record itself is visible). */
export const forbidden = (message: string) => new ForbiddenException({ statusCode: 403, code: 'NOT_ALLOWED', message });
