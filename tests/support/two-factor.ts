import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { twoFactorRequiredFor } from '@haven/contracts';
import { registerSecondFactorSource } from '@haven/testing';
import {
  TotpClock,
  newTotpSecret,
  openTotpSecret,
  totpCode,
  TOTP_PERIOD_SECONDS,
} from '../../apps/api/src/core/auth/totp.js';
import { TwoFactorRepository } from '../../apps/api/src/core/auth/two-factor.repository.js';
import { TwoFactorService } from '../../apps/api/src/core/auth/two-factor.service.js';
import { EnvelopeEncryption } from '../../apps/api/src/core/crypto/envelope-encryption.js';
import { UsersService } from '../../apps/api/src/core/users/users.service.js';

/**
 * The harness side of two-factor sign-in. Suites sign the same people in many times a second,
 * and the API accepts a TOTP code once per account and 30-second step (replay guard). So the
 * harness drives the API's TOTP clock: every code it hands out is for the next step of a
 * virtual clock that the API checks against. Production reads the system clock.
 */
export interface TestTwoFactor {
  /** The time the API checks codes against. */
  now(): number;
  /** Moves the virtual clock on by whole 30-second steps. */
  advance(steps?: number): void;
  /** The TOTP secret of an enrolled user (from the harness's memory, else opened from the database). */
  secretOf(email: string): Promise<string>;
  /** A code the API will accept next for this user: the clock moves on one step first. */
  nextCode(email: string): Promise<string>;
  /** A code for the current step of the virtual clock, without moving it (for replay tests). */
  codeNow(email: string): Promise<string>;
  /**
   * Enrols a harness person whose role requires a second factor, through the service, the first
   * time the harness signs them in. Lazily, so that a suite that signs in with a bare password
   * before ever using the harness still meets an account that has not enrolled yet.
   */
  prepare(email: string): Promise<void>;
  /**
   * Makes someone a suite created one of the harness's people: enrolled (lazily, as above) and
   * answered at the second step whenever the harness signs them in.
   */
  adopt(email: string): void;
}

export function attachTwoFactor(app: INestApplication, server: Server, people: Iterable<string>): TestTwoFactor {
  const harnessEmails = new Set(people);
  const clock = app.get(TotpClock);
  let virtualNow = Date.now();
  clock.now = () => virtualNow;
  const users = app.get(UsersService);
  const service = app.get(TwoFactorService);
  const store = app.get(TwoFactorRepository);
  const encryption = app.get(EnvelopeEncryption);
  const secrets = new Map<string, string>();

  const userOf = async (email: string) => {
    const user = await users.findForSignIn(email);
    if (!user) throw new Error(`No user ${email}`);
    return user;
  };
  const secretOf = async (email: string) => {
    const user = await userOf(email);
    const stored = await store.find(user.id);
    if (!stored) throw new Error(`${email} has no second factor`);
    const secret = openTotpSecret(encryption, user.id, stored);
    secrets.set(email, secret);
    return secret;
  };
  const twoFactor: TestTwoFactor = {
    now: () => virtualNow,
    advance: (steps = 1) => {
      virtualNow += steps * TOTP_PERIOD_SECONDS * 1000;
    },
    secretOf,
    nextCode: async (email) => {
      twoFactor.advance();
      return totpCode(await secretOf(email), virtualNow);
    },
    codeNow: async (email) => totpCode(await secretOf(email), virtualNow),
    prepare: async (email) => {
      if (!harnessEmails.has(email)) return;
      const user = await userOf(email);
      if (!twoFactorRequiredFor(user.role) || (await service.isEnrolled(user.id))) return;
      await service.enrolWithSecret(user.id, newTotpSecret());
    },
    adopt: (email) => {
      harnessEmails.add(email);
    },
  };
  registerSecondFactorSource(server, { prepare: twoFactor.prepare, code: twoFactor.nextCode });
  return twoFactor;
}
