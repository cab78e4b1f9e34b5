import { createHash } from 'node:crypto';
import { ConflictException } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { IdempotencyStore } from '@khuyencong/persistence';
import { ApiHeader } from '@nestjs/swagger';
import { ValidHeader } from '../common/zod.js';
import { IdempotencyKey } from './dto.js';

/**
 * What the client sent, the only thing an Idempotency-Key's request hash may cover: the route, its parameters,
 * the version it claimed in If-Match (absent when the route takes none) and its body. Never something the server
 * derives while serving it (the instance's current version, a checklist computed from stored rows): after the
 * first request succeeded those have changed, and an identical retry would look like another request (409).
 */
export interface ClientRequest {
  /** `METHOD /path/{param}` as the OpenAPI document names it. */
  route: string;
  params: Readonly<Record<string, string>>;
  ifMatch?: number;
  body?: unknown;
}

/** SHA-256 over the request as sent; object keys sorted so the order a client serialises them in does not count. */
export function requestHashOf(request: ClientRequest): string {
  return createHash('sha256')
    .update(canonical([request.route, request.params, request.ifMatch ?? null, request.body ?? null]))
    .digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A request's own key (absent where the route makes it optional) and what the client sent, for its hash. */
export interface Keyed {
  userId: string;
  key: string | undefined;
  request: ClientRequest;
}

const keys = new IdempotencyStore();

/**
 * Runs `work` inside the caller's transaction under an Idempotency-Key: the key is claimed first (a concurrent
 * request with the same key waits, then replays), the answer stored with the work, so a retry replays it instead of
 * acting twice; the same key with another request is 409 IDEMPOTENCY_KEY_REUSED. Without a key, `work` just runs.
 */
export async function runKeyed<T>(tx: EntityManager, keyed: Keyed, status: number, work: () => Promise<T>): Promise<{ body: T; replayed: boolean }> {
  if (keyed.key === undefined) return { body: await work(), replayed: false };
  const requestHash = requestHashOf(keyed.request);
  const claim = await keys.claim(tx, keyed.userId, keyed.key, requestHash);
  if (!claim.claimed) {
    if (claim.stored.requestHash !== requestHash) throw keyReused();
    return { body: claim.stored.responseBody as T, replayed: true };
  }
  const body = await work();
  await keys.complete(tx, keyed.userId, keyed.key, status, body);
  return { body, replayed: false };
}

export function keyReused(): ConflictException {
  return new ConflictException({
    statusCode: 409,
    code: 'IDEMPOTENCY_KEY_REUSED',
    message: 'Khóa Idempotency-Key đã dùng cho một yêu cầu khác / This Idempotency-Key was used for a different request',
  });
}

/** The answer's body, saying so in `Idempotent-Replayed: true` when it was replayed. */
export function replayed<T>(res: { setHeader(name: string, value: string): unknown }, result: { body: T; replayed: boolean }): T {
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return result.body;
}

/** Documents an optional Idempotency-Key on a route that acts once per request (`what` it would do twice). */
export const ApiOptionalIdempotencyKey = (what: string) =>
  ApiHeader({ name: 'Idempotency-Key', required: false, description: `Optional: a retry with the same key replays the first answer instead of ${what}` });

/** The optional Idempotency-Key of such a route, validated as every key is. */
export const OptionalIdempotencyKey = () => ValidHeader({ name: 'Idempotency-Key', schema: IdempotencyKey.optional() });
