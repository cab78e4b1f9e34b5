// The one error body of the API. The exception filter builds every error answer as this type, the OpenAPI document
// names it `ErrorResponse` (from this zod schema) and lists it on every error response of every route.
import { z } from 'zod';
import { domainErrorCodes } from '@khuyencong/domain';
import { UNIQUE_CONSTRAINTS, UNIT_CODES, UNKNOWN_UNIQUE } from './constraint-errors.js';

/** Codes the filter answers by itself (status defaults, body-parser refusals, database failures). */
export const FILTER_CODES = [
  'MALFORMED_REQUEST',
  'UNAUTHENTICATED',
  'NOT_ALLOWED',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'DOMAIN_RULE',
  'RATE_LIMITED',
  'REQUEST_REFUSED',
  'INTERNAL',
  'JSON_TOO_DEEP',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_TIMEOUT',
  'CONCURRENT_UPDATE',
  'SERVICE_UNAVAILABLE',
  'STILL_REFERENCED',
  'UNKNOWN_REFERENCE',
] as const;

/** Codes the API's services throw (auth, admin, selection, schemes, consulting, reports, documents, commands). */
export const SERVICE_CODES = [
  'ACCOUNT_LOCKED',
  'INVALID_CREDENTIALS',
  'TOKEN_REUSED',
  'LOGIN_THROTTLED',
  'OUT_OF_SCOPE',
  'IDEMPOTENCY_KEY_REUSED',
  'USE_DEDICATED_ENDPOINT',
  'SELF_LOCKOUT',
  'UNKNOWN_SCOPE',
  'INVALID_VALIDITY',
  'NOT_A_WEEKEND',
  'UNKNOWN_PROVINCE',
  'UNKNOWN_UNIT',
  'UNKNOWN_REGION',
  'MEMBERSHIP_BEFORE_CURRENT',
  'ALREADY_IN_REGION',
  'REVENUE_ABOVE_CONTRACT',
  'REVENUE_BEFORE_SIGNING',
  'PLAN_VERSION_CHANGED',
  'PLAN_UNCHANGED',
  'SUPPORT_ABOVE_COST',
  'SUPPORT_RULE_VIOLATED',
  'ADVANCE_RULE_VIOLATED',
  'CHANGE_AMOUNT_NOT_ALLOWED',
  'CHANGE_DATE_NOT_ALLOWED',
  'EXTENSION_DATE_INVALID',
  'DISBURSEMENT_ABOVE_ALLOCATION',
  'SETTLEMENT_ABOVE_ALLOCATION',
  'REGISTRATION_DEADLINE_PASSED',
  'NO_PROGRAMME_FOR_YEAR',
  'ROUND_STATUS',
  'ROUND_NOT_OPEN',
  'NOT_A_NOMINATION_ROUND',
  'NOMINATION_ONLY',
  'NOMINATION_INVALID',
  'NOT_IN_ROUND',
  'OUTSIDE_ROUND_SCOPE',
  'NOT_A_JUDGE_OR_MEMBER',
  'CHAIR_NOT_MEMBER',
  'SCOPE_REQUIRED',
  'DOSSIER_LOCKED',
  'DOCUMENT_NOT_USABLE',
  'PHOTO_NOT_IMAGE',
  'ESTABLISHMENT_NOT_VERIFIED',
  'PDF_NOT_READY',
  'USER_NOT_FOUND',
  'EMAIL_TAKEN',
  'ENTRY_LOCKED',
  'TASK_NOT_CLAIMABLE',
  'ASSIGNEE_NOT_ELIGIBLE',
  'SCHEME_LOCKED',
  'STALE_REVISION',
  'SCHEME_CLOSED',
  'DOCUMENT_NOT_YOURS',
  'DOCUMENT_OWNER_MISMATCH',
  // Uploads: a document whose bytes are not what it says, or are dangerous.
  'UNSUPPORTED_TYPE',
  'TYPE_MISMATCH',
  'EXECUTABLE_CONTENT',
  'ZIP_BOMB',
  'MALFORMED_ARCHIVE',
  // Spreadsheet imports.
  'FILE_REQUIRED',
  'UNSUPPORTED_FILE_TYPE',
  'UNREADABLE_FILE',
  'ARCHIVE_TOO_LARGE',
  'MISSING_COLUMNS',
  'EMPTY_FILE',
  'TOO_MANY_ROWS',
] as const;

/** Every code an error answer can carry: the filter's, the database constraints', the engine's and the services'. */
export const ERROR_CODES: readonly string[] = [
  ...new Set<string>([
    ...FILTER_CODES,
    ...Object.values(UNIQUE_CONSTRAINTS).map((meaning) => meaning.code),
    UNKNOWN_UNIQUE.code,
    ...UNIT_CODES,
    ...domainErrorCodes,
    ...SERVICE_CODES,
  ]),
].sort();

export const FieldProblem = z.object({
  path: z.string().describe('The field (dot path in the body, or the header / parameter name)'),
  message: z.string().describe('What is wrong with it'),
});

/** The rule that refused a command: its code, legal basis, the activity it caps and the cap itself. */
export const RefusingRule = z
  .object({
    code: z.string(),
    basis: z.string().optional().describe('The legal or business basis of the rule'),
    activity: z.string().optional(),
    cap: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
  })
  .describe('The business rule that refused the request');

export const ErrorResponse = z
  .object({
    statusCode: z.number().int().min(400).max(599).describe('The HTTP status, repeated'),
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .describe(`Stable machine-readable reason; the list of every code is in \`x-codes\`: ${ERROR_CODES.join(', ')}`),
    message: z.string().describe('"Vietnamese / English": both languages, separated by " / "'),
    messageVi: z.string().optional().describe('The Vietnamese half of `message`, when the refusal carries it separately'),
    messageEn: z.string().optional().describe('The English half of `message`, when the refusal carries it separately'),
    problems: z.array(FieldProblem).optional().describe('The fields that failed validation (400)'),
    rule: RefusingRule.optional(),
    details: z.record(z.string(), z.unknown()).optional().describe('Facts about the refusal (the ids, amounts or stages involved)'),
    retryAfterSeconds: z.number().int().nonnegative().optional().describe('Wait this long before retrying (also sent as Retry-After)'),
    lockedUntil: z.string().optional().describe('ACCOUNT_LOCKED: until when an administrator locked the account (ISO 8601)'),
    endpoint: z.string().optional().describe('USE_DEDICATED_ENDPOINT: the route that takes this action'),
    maxBytes: z.number().int().optional().describe('PAYLOAD_TOO_LARGE on uploads: the size limit in bytes'),
    requestId: z.string().optional().describe('The request id (also the x-request-id header): quote it when reporting a problem'),
  })
  .strict();
export type ErrorResponse = z.output<typeof ErrorResponse>;

/** Keys a thrown HttpException's body may carry into the answer; anything else stays in the server. */
const CARRIED = ['messageVi', 'messageEn', 'problems', 'rule', 'details', 'retryAfterSeconds', 'lockedUntil', 'endpoint', 'maxBytes'] as const;

/**
 * The answer for an HttpException's body. Our own exceptions carry a code and a bilingual message; Nest's
 * (an unknown route, a wrong method) do not, so they get the status's code and a bilingual message.
 */
export function errorBody(status: number, raw: unknown, requestId: string | undefined, fallback: { code: string; message: string }): ErrorResponse {
  const body = (typeof raw === 'string' ? { message: raw } : typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const own = typeof body.code === 'string';
  const answer: ErrorResponse = {
    statusCode: status,
    code: own ? (body.code as string) : fallback.code,
    message: own && typeof body.message === 'string' ? body.message : fallback.message,
    ...(requestId !== undefined ? { requestId } : {}),
  };
  for (const key of CARRIED) {
    if (body[key] !== undefined) Object.assign(answer, { [key]: body[key] });
  }
  return answer;
}
