import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/schema.js';

export type { components, paths };
/** A schema of the API by name, e.g. `Schema<'HealthReport'>`. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  baseUrl: string;
  /** Returns the current access token, if any; sent as a Bearer token. */
  accessToken?: () => string | undefined;
  fetch?: typeof globalThis.fetch;
}

/** The typed client generated from the API's OpenAPI document (`pnpm generate:client`). */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.accessToken?.();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}
