import { Injectable } from '@nestjs/common';

/**
 * The time sessions are judged by: when they start, when they were last used, when they expire or
 * fall idle. The system clock in production; tests move it to cross the idle limit without waiting.
 */
@Injectable()
export class SessionClock {
  now(): number {
    return Date.now();
  }
}

/** The most the idle clock may lag behind a session's use. */
const MAX_IDLE_REFRESH_STEP_MS = 60_000;
/** The idle clock moves when it is this fraction of the idle limit old. */
const IDLE_REFRESH_FRACTION = 1 / 20;

/**
 * How old a session's last-seen time may get before a request moves it: a twentieth of the idle limit,
 * at most a minute. Moving it on every request would write on every request; moving it less often
 * shortens the real limit by up to one step (a session used without a pause longer than the limit minus
 * the step never ends), so the step is a small fraction of the limit and always shorter than it.
 */
export function idleRefreshStepMs(idleMinutes: number): number {
  return Math.min(MAX_IDLE_REFRESH_STEP_MS, idleMinutes * 60_000 * IDLE_REFRESH_FRACTION);
}
