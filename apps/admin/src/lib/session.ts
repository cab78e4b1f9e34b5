import type { paths } from '@khuyencong/api-client';

type LoginResponse = paths['/api/auth/login']['post']['responses'][200]['content']['application/json'];

/** The signed-in user as the API describes them at login. */
export type SessionUser = LoginResponse['user'];
/** One role grant of the user: a role over a scope. */
export type Grant = SessionUser['grants'][number];

/** Tokens and user of the current sign-in. Kept in localStorage so a reload keeps the user signed in. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

const STORAGE_KEY = 'kc.session';
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

let current: Session | null = load();

/** A tiny external store, read by React through useSyncExternalStore. */
export const sessionStore = {
  get: (): Session | null => current,
  set: (next: Session | null): void => {
    current = next;
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Roles the user holds, whatever the scope. */
export function rolesOf(user: SessionUser | null | undefined): Set<string> {
  return new Set((user?.grants ?? []).map((grant) => grant.role));
}
