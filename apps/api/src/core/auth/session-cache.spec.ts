import { describe, expect, it } from '@jest/globals';
import { SessionCache, type CachedSession } from './session-cache.js';

const token = Buffer.from('token-hash-of-a-session');

function session(overrides: Partial<CachedSession> = {}): CachedSession {
  const now = Date.now();
  return {
    sessionId: 's1',
    csrfToken: 'csrf',
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + 3_600_000),
    userId: 'u1',
    email: 'someone@example.test',
    displayName: 'Someone',
    role: 'caseworker',
    organisationId: 'o1',
    team: null,
    twoFactorEnrolled: true,
    ...overrides,
  };
}

describe('the session cache', () => {
  it('keeps nothing until its listener hears every change, and forgets everything when it may have missed one', () => {
    const cache = new SessionCache();
    cache.store(token, session(), cache.generation);
    expect(cache.find(token)).toBeUndefined();
    cache.enable();
    cache.store(token, session(), cache.generation);
    expect(cache.find(token)?.sessionId).toBe('s1');
    cache.disable();
    expect(cache.find(token)).toBeUndefined();
    cache.enable();
    expect(cache.find(token)).toBeUndefined();
  });

  it('does not store a lookup that began before a change and ended after it', () => {
    const cache = new SessionCache();
    cache.enable();
    const before = cache.generation;
    cache.forgetUser('someone-else');
    cache.store(token, session(), before);
    expect(cache.find(token)).toBeUndefined();
  });

  it("forgets one user's sessions, or everyone's", () => {
    const cache = new SessionCache();
    cache.enable();
    const other = Buffer.from('another-session');
    cache.store(token, session(), cache.generation);
    cache.store(other, session({ sessionId: 's2', userId: 'u2' }), cache.generation);
    cache.forgetUser('u1');
    expect(cache.find(token)).toBeUndefined();
    expect(cache.find(other)?.sessionId).toBe('s2');
    cache.forgetAll();
    expect(cache.find(other)).toBeUndefined();
  });

  it('never answers for a session past its absolute expiry, nor for one stored over a minute ago', () => {
    const cache = new SessionCache();
    cache.enable();
    const now = Date.now();
    cache.store(token, session({ expiresAt: new Date(now + 1_000) }), cache.generation);
    expect(cache.find(token, now)).toBeDefined();
    expect(cache.find(token, now + 1_000)).toBeUndefined();
    cache.store(token, session(), cache.generation);
    expect(cache.find(token, now + 61_000)).toBeUndefined();
  });

  it('moves the idle clock of a cached session when it is touched', () => {
    const cache = new SessionCache();
    cache.enable();
    cache.store(token, session({ lastSeenAt: new Date(0) }), cache.generation);
    const at = new Date();
    cache.touched(token, at);
    expect(cache.find(token)?.lastSeenAt).toEqual(at);
  });
});
