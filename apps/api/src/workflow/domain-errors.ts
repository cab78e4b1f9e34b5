import { HttpException, NotFoundException } from '@nestjs/common';
import { DomainError, type DomainErrorCode } from '@khuyencong/domain';
import { PipelineError } from '@khuyencong/workflow';

/**
 * HTTP status of every engine refusal. The switch is exhaustive over the closed union: a new code breaks the
 * build here until it is given a status (STYLE.md, "Errors").
 */
export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'NOT_ALLOWED':
    case 'FOUR_EYES':
    case 'NOT_ASSIGNED':
      return 403;
    case 'STALE_VERSION':
    case 'ALREADY_CLAIMED':
    case 'ALREADY_SCORED':
    case 'ALREADY_VOTED':
    case 'DEFINITION_IMMUTABLE':
    case 'VERSION_NOT_INCREASING':
      return 409;
    case 'WRONG_STAGE':
    case 'UNKNOWN_ACTION':
    case 'TERMINAL_STATE':
    case 'DEFINITION_MISMATCH':
    case 'DEFINITION_INVALID':
    case 'VALIDATION_FAILED':
    case 'REASON_REQUIRED':
    case 'REGISTRATION_NOT_OPEN':
    case 'DEADLINE_PASSED':
    case 'DOSSIER_INCOMPLETE':
    case 'CERTIFICATE_REQUIRED':
    case 'CONDITION_NOT_MET':
    case 'SCORE_OUT_OF_BOUNDS':
    case 'QUORUM_NOT_MET':
    case 'TIMER_STALE':
    case 'BATCH_INVALID':
    case 'MIGRATION_BLOCKED':
      return 422;
  }
}

/**
 * Turns engine and pipeline refusals into HTTP errors with the engine's code and both messages. Called by the
 * exception filter only: services let refusals through as they are.
 */
export function toHttpError(error: unknown): unknown {
  if (error instanceof DomainError) {
    const status = statusOf(error.code);
    return new HttpException(
      {
        statusCode: status,
        code: error.code,
        message: `${error.messageVi} / ${error.messageEn}`,
        messageVi: error.messageVi,
        messageEn: error.messageEn,
        details: error.details,
      },
      status,
    );
  }
  if (error instanceof PipelineError) {
    return new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy hồ sơ / Not found' });
  }
  return error;
}

/** The HTTP status an error will be answered with (for metrics), without mapping it. */
export function answerStatusOf(error: unknown): number | undefined {
  if (error instanceof DomainError) return statusOf(error.code);
  if (error instanceof PipelineError) return 404;
  return error instanceof HttpException ? error.getStatus() : undefined;
}
