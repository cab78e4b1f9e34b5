import { ApiExtension } from '@nestjs/swagger';

/** One error answer as the exception filter sent it, with the route (as the OpenAPI document names it) that gave it. */
export interface ErrorAnswerSeen {
  method: string;
  path: string;
  status: number;
  code: string;
}

let listener: ((answer: ErrorAnswerSeen) => void) | undefined;

/**
 * Lets a listener see every error answer (the integration tests check each against the codes its route documents,
 * so a code a route can give and does not list fails a test). Production installs none.
 */
export function listenToErrorAnswers(next: ((answer: ErrorAnswerSeen) => void) | undefined): void {
  listener = next;
}

/** Called by the exception filter for each error answer; `routePath` is Express's (`/api/rounds/:id`). */
export function noteErrorAnswer(method: string, routePath: string | undefined, status: number, code: string): void {
  if (!listener || routePath === undefined) return;
  listener({ method: method.toLowerCase(), path: routePath.replace(/:([A-Za-z0-9_]+)/g, '{$1}'), status, code });
}

/**
 * The service codes a route can answer beyond the standard ones of its kind (NOT_FOUND, MALFORMED_REQUEST, the
 * engine's refusals on command routes…), by status: `@Refuses({ 409: ['ROUND_EXISTS'], 422: ['UNKNOWN_UNIT'] })`.
 * The contract adds them to the route's error responses (`x-codes` and the description).
 */
export const Refuses = (codes: Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429, readonly string[]>>) =>
  ApiExtension('x-refuses', codes);
