import { type Actor } from '../common/actor.js';

/** The NOTIFY channel on which a user's sessions or grants changed (payload: the user id); database triggers send it. */
export const SESSIONS_CHANNEL = 'kc_sessions';

interface Entry {
  actor: Actor;
  until: number;
}

/**
 * Verified access tokens → the user and grants read for them, for a few seconds, so a command does not pay a
 * database round trip to re-read grants it read a moment ago. Used only while the invalidation channel is
 * listening (`setListening`): a change announced on it drops the user's entries at once; when the channel is
 * down the cache is emptied and bypassed. An entry never outlives its token, nor a grant's end or start.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private listening = false;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.listening && this.ttlMs > 0;
  }

  setListening(listening: boolean): void {
    this.listening = listening;
    if (!listening) this.entries.clear();
  }

  get(token: string): Actor | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.actor;
  }

  /** `validUntilMs`: when the answer may change by the clock alone (the token expires, a grant ends or starts). */
  set(token: string, actor: Actor, validUntilMs: number): void {
    if (!this.enabled) return;
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (a Map keeps insertion order): drop a tenth rather than one at a time.
      let drop = Math.ceil(this.maxEntries / 10);
      for (const key of this.entries.keys()) {
        this.entries.delete(key);
        if (--drop === 0) break;
      }
    }
    this.entries.set(token, { actor, until: Math.min(this.now() + this.ttlMs, validUntilMs) });
  }

  /** Drops every entry of the user (sessions, grants or the account changed). */
  forgetUser(userId: string): void {
    for (const [token, entry] of this.entries) if (entry.actor.userId === userId) this.entries.delete(token);
  }

  get size(): number {
    return this.entries.size;
  }
}
