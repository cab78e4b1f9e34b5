// Completes the scanned OpenAPI document into the API's contract: the `ErrorResponse` schema on every error response
// of every route (with the standard responses each route can give, by its access rule and method), the formats of
// the Idempotency-Key and If-Match headers, Retry-After on 429/503. One pass over the document instead of
// hundreds of decorators; a route's own decorators (descriptions) are kept and given the schema.
import { type OpenAPIObject } from '@nestjs/swagger';
import { type AccessRule } from './access.js';
import { UNIT_CODES } from './constraint-errors.js';
import { ERROR_CODES, ErrorResponse } from './error-response.js';
import { openApi, openApiInput } from './zod.js';
import { IdempotencyKey } from '../workflow/dto.js';
import { domainErrorCodes } from '@khuyencong/domain';
import { statusOf } from '../workflow/domain-errors.js';

export const ERROR_SCHEMA_REF = '#/components/schemas/ErrorResponse';

interface HeaderObject {
  description: string;
  required?: boolean;
  schema: Record<string, unknown>;
}

interface ResponseObject {
  description: string;
  content?: Record<string, { schema?: unknown }>;
  headers?: Record<string, HeaderObject>;
  'x-codes'?: string[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
}

interface Operation {
  'x-access'?: AccessRule;
  /** The route's own service codes by status (the `Refuses` decorator). */
  'x-refuses'?: Record<string, string[]>;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses?: Record<string, ResponseObject | { $ref: string }>;
}

const RETRY_AFTER: HeaderObject = { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } };

/** `ETag` of an instance: its version in quotes; send it back as `If-Match`. */
export const ETAG_VERSION: HeaderObject = {
  description: 'The instance version in quotes, e.g. `"3"`: send it back as `If-Match` with the next command',
  schema: { type: 'string', pattern: '^"[1-9][0-9]{0,8}"$' },
};

/** `ETag` of a stored file: the SHA-256 of its bytes (hex) in quotes. */
export const ETAG_SHA256: HeaderObject = {
  description: 'The SHA-256 of the file’s bytes, lower-case hex in quotes',
  schema: { type: 'string', pattern: '^"[0-9a-f]{64}"$' },
};

const IDEMPOTENCY_KEY_DESCRIPTION =
  '8–200 characters of A–Z, a–z, 0–9, `.`, `_`, `:`, `-` (a UUID fits), chosen by the client per intended action and scoped to the signed-in user. ' +
  'The same key with the same request (route, path parameters, If-Match and body) replays the first answer instead of acting twice; keys are kept ' +
  'without expiry. The same key with a different request → 409 `IDEMPOTENCY_KEY_REUSED`; while the first request with the key is still running → ' +
  '409 `IDEMPOTENCY_KEY_IN_USE` (retry). Missing or malformed → 400 `MALFORMED_REQUEST`.';

const IF_MATCH_DESCRIPTION =
  'The instance version the caller saw (the `version` of the instance, or the `ETag` of its last answer): `3`, `"3"` or `W/"3"`. ' +
  'When the instance has moved on → 409 `STALE_VERSION`: read it again and decide anew. Missing or malformed → 400 `MALFORMED_REQUEST`.';

const IF_MATCH_SCHEMA = { type: 'string', pattern: '^\\s*(W/)?("[1-9][0-9]{0,8}"|[1-9][0-9]{0,8})\\s*$', example: '"3"' };

interface Standard {
  status: string;
  description: string;
  codes: string[];
  headers?: Record<string, HeaderObject>;
}

const CONFLICT_CODES = ['CONCURRENT_UPDATE', 'CONFLICT', 'STILL_REFERENCED'];
/** The engine's refusals by the status the filter gives them (statusOf): what a command route can answer. */
const engineCodes = (status: number) => domainErrorCodes.filter((code) => statusOf(code) === status);
const CONCURRENT_RETRY = { 'Retry-After': { ...RETRY_AFTER, description: 'Sent with CONCURRENT_UPDATE: seconds to wait before retrying' } };

/** The standard error answers, shared by every route as `#/components/responses/<name>`. */
export const STANDARD_RESPONSES: Readonly<Record<string, Standard>> = {
  MalformedRequest: {
    status: '400',
    description: 'Malformed request: a parameter, header or body field fails validation (`problems` names each), or the body cannot be read',
    codes: ['MALFORMED_REQUEST', 'JSON_TOO_DEEP'],
  },
  Unauthenticated: { status: '401', description: 'Not signed in, or the access token expired or was revoked', codes: ['UNAUTHENTICATED'] },
  Forbidden: {
    status: '403',
    description: 'The caller holds none of the route’s roles (`x-access`), or its scopes do not reach the record (OUT_OF_SCOPE on reports)',
    codes: ['NOT_ALLOWED', 'OUT_OF_SCOPE'],
  },
  CommandForbidden: {
    status: '403',
    description: 'The caller may not take this action: wrong role or scope, the four-eyes rule (FOUR_EYES: not the one who submitted), or not assigned',
    codes: [...new Set(['NOT_ALLOWED', 'FOUR_EYES', 'NOT_ASSIGNED', ...engineCodes(403)])],
  },
  NotFound: { status: '404', description: 'Unknown, or outside the caller’s scopes (the two look alike)', codes: ['NOT_FOUND'] },
  Conflict: {
    status: '409',
    description: 'Conflicts with an existing record or a request made at the same moment (CONCURRENT_UPDATE: nothing happened, retry)',
    codes: CONFLICT_CODES,
    headers: CONCURRENT_RETRY,
  },
  CommandConflict: {
    status: '409',
    description:
      'The instance moved on (STALE_VERSION, with If-Match), the Idempotency-Key was used for another request or is still running, or a concurrent update',
    codes: [...new Set([...CONFLICT_CODES, 'STALE_VERSION', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_USE', ...engineCodes(409)])],
    headers: CONCURRENT_RETRY,
  },
  CommandRule: {
    status: '422',
    description:
      'Well-formed, but the workflow refuses it: the action does not belong to the stage (WRONG_STAGE), a reason is missing (REASON_REQUIRED), ' +
      'the registration window or a deadline has passed (the 20 May registration deadline of a scheme included), the dossier is incomplete, a score ' +
      'exceeds its group’s maximum, the jury lacks its quorum, or a business rule of the route (`rule` names it)',
    codes: [...new Set(['DOMAIN_RULE', 'UNKNOWN_REFERENCE', ...UNIT_CODES, ...engineCodes(422)])],
  },
  PayloadTooLarge: { status: '413', description: 'The request body is too large', codes: ['PAYLOAD_TOO_LARGE'] },
  BusinessRule: {
    status: '422',
    description: 'Well-formed, but refused by a business rule (`rule` names it where one applies)',
    codes: ['DOMAIN_RULE', 'UNKNOWN_REFERENCE', ...UNIT_CODES],
  },
  ServiceUnavailable: {
    status: '503',
    description:
      'The database is briefly unavailable (restarting, failing over): nothing was committed, retry after Retry-After seconds (commands with the same Idempotency-Key)',
    codes: ['SERVICE_UNAVAILABLE'],
    headers: { 'Retry-After': RETRY_AFTER },
  },
  InternalError: { status: '500', description: 'A bug, logged with the request id: quote `requestId` when reporting it', codes: ['INTERNAL'] },
};

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/** The names of the standard responses a route can give, from what the guard, pipes and filter do. */
function standardResponses(path: string, method: string, operation: Operation): string[] {
  const rule = operation['x-access'];
  const write = WRITES.has(method);
  const command = (operation.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  // Health probes answer their report, also on 503 (HealthReport): a probe reads one body, so none is added there.
  if (path.startsWith('/api/health')) return [];
  const names = ['MalformedRequest'];
  if (rule?.kind !== 'public') names.push('Unauthenticated');
  if (rule?.kind === 'roles' || (rule?.kind === 'authenticated' && write)) names.push(command ? 'CommandForbidden' : 'Forbidden');
  if (path.includes('{')) names.push('NotFound');
  if (write) names.push(command ? 'CommandConflict' : 'Conflict');
  if (write && (operation.requestBody || command)) names.push(...(operation.requestBody ? ['PayloadTooLarge'] : []), command ? 'CommandRule' : 'BusinessRule');
  names.push('ServiceUnavailable');
  names.push('InternalError');
  return names;
}

/** Codes known for statuses a route declares itself (rate limits, locks), added to its own description. */
const DECLARED_CODES: Record<string, string[]> = {
  '401': ['UNAUTHENTICATED'],
  '403': ['NOT_ALLOWED'],
  '404': ['NOT_FOUND'],
  '413': ['PAYLOAD_TOO_LARGE'],
  '415': ['UNSUPPORTED_MEDIA_TYPE'],
  '429': ['RATE_LIMITED'],
};

function withCodes(description: string, codes: string[]): string {
  return codes.length === 0 ? description : `${description}. Codes: ${codes.map((code) => `\`${code}\``).join(', ')}`;
}

function completeOperation(path: string, method: string, operation: Operation): void {
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'header') continue;
    if (parameter.name.toLowerCase() === 'idempotency-key') {
      Object.assign(parameter, { description: IDEMPOTENCY_KEY_DESCRIPTION, schema: openApiInput(IdempotencyKey) });
    } else if (parameter.name.toLowerCase() === 'if-match') {
      Object.assign(parameter, { description: IF_MATCH_DESCRIPTION, schema: IF_MATCH_SCHEMA });
    }
  }
  const responses = (operation.responses ??= {});
  const standards = standardResponses(path, method, operation);
  for (const name of standards) {
    const standard = STANDARD_RESPONSES[name]!;
    responses[standard.status] ??= { $ref: `#/components/responses/${name}` };
  }
  // The route's own codes, added to those its response for the status has anyway (the standard one of its kind, or
  // the route's own described response, which starts from the standard codes of that status).
  for (const [status, own] of Object.entries(operation['x-refuses'] ?? {})) {
    const present = responses[status];
    const standard = standards.map((name) => STANDARD_RESPONSES[name]!).find((candidate) => candidate.status === status);
    const inline = present && !('$ref' in present) ? present : undefined;
    const codes = [...new Set([...(standard?.codes ?? []), ...(DECLARED_CODES[status] ?? []), ...(inline?.['x-codes'] ?? []), ...own])];
    const headers = inline?.headers ?? standard?.headers;
    responses[status] = {
      description: withCodes(inline?.description.split('. Codes: ')[0] ?? standard?.description ?? 'Refused', codes),
      content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } },
      ...(headers ? { headers } : {}),
      'x-codes': codes,
    };
  }
  delete operation['x-refuses'];
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400 || '$ref' in response) continue;
    response.content ??= { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } };
    if (!response['x-codes']) {
      const standard = standards.map((name) => STANDARD_RESPONSES[name]!).find((candidate) => candidate.status === status);
      const codes = [...new Set([...(standard?.codes ?? []), ...(DECLARED_CODES[status] ?? [])])];
      if (path === '/api/auth/login' && status === '429') codes.push('LOGIN_THROTTLED');
      response.description = withCodes(response.description, codes);
      response['x-codes'] = codes;
    }
    const answersError = JSON.stringify(response.content).includes(ERROR_SCHEMA_REF);
    if ((status === '429' || status === '503') && answersError && !response.headers?.['Retry-After']) {
      response.headers = { ...response.headers, 'Retry-After': RETRY_AFTER };
    }
  }
}

/** Adds the contract to a scanned document (in place) and returns it. */
export function completeContract(document: OpenAPIObject): OpenAPIObject {
  const schemas = ((document.components ??= {}).schemas ??= {});
  // `x-codes`: every code an error can carry (an extension, so the list needs no enum that would break clients).
  schemas.ErrorResponse = Object.assign(openApi(ErrorResponse), { 'x-codes': [...ERROR_CODES] });
  const responses = (document.components.responses ??= {});
  for (const [name, standard] of Object.entries(STANDARD_RESPONSES)) {
    const response: ResponseObject = {
      description: withCodes(standard.description, standard.codes),
      content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } },
      ...(standard.headers ? { headers: standard.headers } : {}),
      'x-codes': standard.codes,
    };
    responses[name] = response as (typeof responses)[string];
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(method)) completeOperation(path, method, operation);
    }
  }
  return document;
}
