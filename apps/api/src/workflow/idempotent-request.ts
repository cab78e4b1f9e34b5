import { createHash } from 'node:crypto';

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
  return createHash('sha256').update(canonical([request.route, request.params, request.ifMatch ?? null, request.body ?? null])).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
