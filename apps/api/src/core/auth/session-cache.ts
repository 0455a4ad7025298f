import { Injectable } from '@nestjs/common';
import type { Role } from '@haven/contracts';

/** Bound on how long an entry is trusted even if every notification were lost. */
const ENTRY_TTL_MS = 60_000;
const ENTRIES_KEPT = 10_000;

/** An active session as the sessions repository reads it (`findActive`), with its user. */
export interface ActiveSessionRow {
  sessionId: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  team: string | null;
  twoFactorEnrolled: boolean;
}

/** An active session as last read from the database. */
export type CachedSession = ActiveSessionRow;

/**
 * The sessions this process has looked up, so a request needs no query to know its
 * caller. Correct only while it hears of every change that could end or alter a
 * session, which is why it works only while enabled:
 *
 * - database triggers announce (NOTIFY) every revocation, user change, second-factor
 *   change and team-mode change, whichever process or replica made it; the session
 *   change listener forwards them here and enables the cache only while it is listening
 *   (any lost connection disables it and drops every entry);
 * - this process's own changes also drop their entries at once (`forgetUser`), before
 *   the answer to the request that made them, so the next request never sees the old
 *   state, even before the notification arrives;
 * - a lookup that started before a change and finished after it is not stored (the
 *   generation moved on meanwhile);
 * - expiry and the idle timeout are checked against the cached times on every request,
 *   and an entry is read again after at most a minute whatever happens.
 */
@Injectable()
export class SessionCache {
  private readonly sessions = new Map<string, { session: CachedSession; storedAt: number }>();
  private enabled = false;
  private generationCounter = 0;

  /** Taken before a lookup and handed back to `store`: a change in between discards the result. */
  get generation(): number {
    return this.generationCounter;
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  find(tokenHash: Buffer, now = Date.now()): CachedSession | undefined {
    if (!this.enabled) return undefined;
    const key = tokenHash.toString('base64');
    const entry = this.sessions.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt > ENTRY_TTL_MS || entry.session.expiresAt.getTime() <= now) {
      this.sessions.delete(key);
      return undefined;
    }
    return entry.session;
  }

  store(tokenHash: Buffer, session: CachedSession, generation: number): void {
    if (!this.enabled || generation !== this.generationCounter) return;
    if (this.sessions.size >= ENTRIES_KEPT) this.sessions.delete(this.sessions.keys().next().value!);
    this.sessions.set(tokenHash.toString('base64'), { session, storedAt: Date.now() });
  }

  /** The idle clock moved (the session was touched): later requests see the new time. */
  touched(tokenHash: Buffer, at: Date): void {
    const entry = this.sessions.get(tokenHash.toString('base64'));
    if (entry) entry.session = { ...entry.session, lastSeenAt: at };
  }

  forgetUser(userId: string): void {
    this.generationCounter += 1;
    for (const [key, entry] of this.sessions) if (entry.session.userId === userId) this.sessions.delete(key);
  }

  forgetAll(): void {
    this.generationCounter += 1;
    this.sessions.clear();
  }

  /** Called by the listener once it hears every change. */
  enable(): void {
    this.forgetAll();
    this.enabled = true;
  }

  /** Called by the listener when it may have missed a change: every lookup goes to the database. */
  disable(): void {
    this.enabled = false;
    this.forgetAll();
  }
}
