import { useSyncExternalStore } from 'react';
import { api } from './api.js';
import { ApiError, unwrap } from './errors.js';
import { sessionStore, type Session } from './session.js';

/** The current session (null when signed out); re-renders on sign-in, refresh and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/** Signs in; throws ApiError (401 wrong credentials, 429 too many attempts). */
export async function signIn(email: string, password: string): Promise<Session> {
  const data = unwrap(await api.POST('/api/auth/login', { body: { email, password } }));
  const session = { accessToken: data.accessToken, refreshToken: data.refreshToken, user: data.user };
  sessionStore.set(session);
  return session;
}

/** Signs out: the refresh token is revoked on the server; the local session goes whatever the answer. */
export async function signOut(): Promise<void> {
  const session = sessionStore.get();
  sessionStore.set(null);
  if (!session) return;
  try {
    await api.POST('/api/auth/logout', {
      body: { refreshToken: session.refreshToken },
      headers: { Authorization: `Bearer ${session.accessToken}` },
    });
  } catch (error) {
    // Already signed out locally; a network failure here leaves only a token that expires by itself.
    if (!(error instanceof ApiError)) return;
  }
}
