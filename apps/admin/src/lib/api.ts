import { createApiClient, type ApiClient } from '@khuyencong/api-client';
import { sessionStore, type Session } from './session.js';

const baseUrl = window.location.origin;

/** Used only to refresh the session: it must not itself retry on 401. */
const authClient = createApiClient({ baseUrl });

let refreshing: Promise<Session | null> | null = null;

/**
 * Trades the refresh token for a new pair. The API revokes a whole session when an old refresh token is
 * reused, so concurrent 401s share one refresh instead of racing.
 */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    const session = sessionStore.get();
    if (!session) return null;
    try {
      const { data } = await authClient.POST('/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
      const next = data ? { accessToken: data.accessToken, refreshToken: data.refreshToken, user: data.user } : null;
      sessionStore.set(next);
      return next;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** fetch that refreshes an expired access token once and replays the request. */
async function fetchWithRefresh(request: Request): Promise<Response> {
  const replay = request.clone();
  const response = await fetch(request);
  if (response.status !== 401 || new URL(request.url).pathname.startsWith('/api/auth/') || !sessionStore.get()) return response;
  const session = await refreshSession();
  if (!session) return response;
  replay.headers.set('Authorization', `Bearer ${session.accessToken}`);
  return fetch(replay);
}

/** The generated client; the admin is served on the API's origin (or proxied to it), so URLs are relative. */
export const api: ApiClient = createApiClient({
  baseUrl,
  accessToken: () => sessionStore.get()?.accessToken,
  fetch: (input) => fetchWithRefresh(input instanceof Request ? input : new Request(input)),
});
