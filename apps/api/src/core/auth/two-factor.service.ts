import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import {
  twoFactorRequiredFor,
  type MeResponse,
  type RecoveryCodesResponse,
  type Role,
  type SecondFactorRequest,
  type TwoFactorEnrolment,
} from '@haven/contracts';
import { AuditService } from '../audit/audit.service.js';
import { EnvelopeEncryption } from '../crypto/envelope-encryption.js';
import { BadRequestError, ConflictError, UnauthenticatedError } from '../errors/problem.js';
import type { Caller } from './caller.js';
import { SessionsRepository } from './sessions.repository.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TwoFactorRepository } from './two-factor.repository.js';
import {
  openTotpSecret,
  sealTotpSecret,
  timeStepAt,
  TotpClock,
  totpCode,
  totpUri,
  verifyTotp,
  newTotpSecret,
  TOTP_PERIOD_SECONDS,
} from './totp.js';
import { TransactionHost } from '../database/transaction-host.js';

export const RECOVERY_CODE_COUNT = 10;
/** Unambiguous lower-case letters and digits (no 0/o, 1/l/i): 10 characters ≈ 50 bits each. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export type SecondFactorOutcome = 'totp' | 'recovery-code' | 'failed';

/**
 * TOTP second factor: enrolment, verification with replay protection, one-time recovery
 * codes. The secret is sealed at rest and leaves the API only once, at enrolment start.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    private readonly twoFactor: TwoFactorRepository,
    private readonly sessions: SessionsRepository,
    private readonly encryption: EnvelopeEncryption,
    private readonly audit: AuditService,
    private readonly clock: TotpClock,
    private readonly throttle: SignInThrottle,
    private readonly transactions: TransactionHost,
  ) {}

  async status(userId: string, role: Role): Promise<MeResponse['twoFactor']> {
    const required = twoFactorRequiredFor(role);
    const enrolled = await this.isEnrolled(userId);
    return {
      required,
      enrolled,
      enrolmentRequired: required && !enrolled,
      recoveryCodesLeft: enrolled ? await this.twoFactor.countRecoveryCodesLeft(userId) : 0,
    };
  }

  async isEnrolled(userId: string): Promise<boolean> {
    return !!(await this.twoFactor.find(userId))?.confirmedAt;
  }

  /** A new secret, shown once as a key, an otpauth URI and a QR code; not in force until confirmed with a code. */
  async startEnrolment(caller: Caller): Promise<TwoFactorEnrolment> {
    const secret = newTotpSecret();
    const { wrappedKey, sealedSecret } = sealTotpSecret(this.encryption, caller.actor.id, secret);
    if (!(await this.twoFactor.saveUnconfirmed(caller.actor.id, wrappedKey, sealedSecret))) {
      throw new ConflictError('Two-factor sign-in is already set up for this account. An administrator can reset it.');
    }
    const otpauthUri = totpUri(secret, caller.actor.email);
    return {
      secret,
      otpauthUri,
      qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
    };
  }

  /**
   * The first correct code puts the factor in force and yields the recovery codes, once.
   * Every other session of the user ends: whoever signed in before enrolment signs in again with the factor.
   */
  async confirmEnrolment(caller: Caller, code: string): Promise<RecoveryCodesResponse> {
    const stored = await this.twoFactor.find(caller.actor.id);
    if (!stored)
      throw new BadRequestError('Start the enrolment first.', [{ field: 'code', message: 'No enrolment in progress' }]);
    if (stored.confirmedAt) throw new ConflictError('Two-factor sign-in is already set up for this account.');
    const timeStep = await verifyTotp(openTotpSecret(this.encryption, caller.actor.id, stored), code, this.clock.now());
    if (timeStep === undefined) {
      await this.audit.record(caller, {
        action: 'auth.two-factor.failed',
        category: 'system',
        outcome: 'failure',
        subject: this.subjectOf(caller),
      });
      throw new BadRequestError('The code is not correct.', [
        { field: 'code', message: 'Not correct; check the time on your phone and try the next code' },
      ]);
    }
    const recoveryCodes = newRecoveryCodes();
    await this.transactions.withTransaction(async () => {
      if (!(await this.twoFactor.confirm(caller.actor.id, timeStep)))
        throw new ConflictError('Two-factor sign-in is already set up for this account.');
      await this.twoFactor.replaceRecoveryCodes(
        caller.actor.id,
        recoveryCodes.map((recoveryCode) => this.hashRecoveryCode(caller.actor.id, recoveryCode)),
      );
      await this.sessions.revokeAllForUser(caller.actor.id, caller.actor.sessionId);
      await this.audit.record(caller, {
        action: 'auth.two-factor.enrolled',
        category: 'system',
        subject: this.subjectOf(caller),
      });
    });
    return { recoveryCodes };
  }

  /**
   * New recovery codes replace all old ones; needs a current code, so a stolen session alone cannot take
   * them. That code is guessable like any second factor: each check is reserved with the sign-in throttle,
   * and the wrong one that reaches the account's limit ends this session.
   */
  async regenerateRecoveryCodes(caller: Caller, code: string): Promise<RecoveryCodesResponse> {
    if (!(await this.isEnrolled(caller.actor.id))) throw new ConflictError('Set up two-factor sign-in first.');
    const attempt = await this.throttle.reserve(caller.actor.email, caller.address);
    if ((await this.verifySecondFactor(caller.actor.id, { code })) !== 'totp') {
      if (await this.throttle.failed(attempt, 'auth.two-factor.failed', caller.actor.id)) {
        await this.sessions.revoke(caller.actor.sessionId, caller.actor.id);
        throw new UnauthenticatedError('Too many wrong codes: you have been signed out. Sign in again later.');
      }
      throw new BadRequestError('The code is not correct.', [
        { field: 'code', message: 'Not correct, or already used' },
      ]);
    }
    await this.throttle.succeeded(attempt);
    const recoveryCodes = newRecoveryCodes();
    await this.transactions.withTransaction(async () => {
      await this.twoFactor.replaceRecoveryCodes(
        caller.actor.id,
        recoveryCodes.map((recoveryCode) => this.hashRecoveryCode(caller.actor.id, recoveryCode)),
      );
      await this.audit.record(caller, {
        action: 'auth.recovery-codes.regenerated',
        category: 'system',
        subject: this.subjectOf(caller),
      });
    });
    return { recoveryCodes };
  }

  /** Checks a second factor of an enrolled user; a TOTP code is accepted once per time step, a recovery code once. */
  async verifySecondFactor(userId: string, answer: SecondFactorRequest): Promise<SecondFactorOutcome> {
    const stored = await this.twoFactor.find(userId);
    if (!stored?.confirmedAt) return 'failed';
    if (answer.recoveryCode !== undefined) {
      return (await this.twoFactor.useRecoveryCode(userId, this.hashRecoveryCode(userId, answer.recoveryCode)))
        ? 'recovery-code'
        : 'failed';
    }
    if (answer.code === undefined) return 'failed';
    const lastTimeStep = stored.lastTimeStep === null ? undefined : Number(stored.lastTimeStep);
    const timeStep = await verifyTotp(
      openTotpSecret(this.encryption, userId, stored),
      answer.code,
      this.clock.now(),
      lastTimeStep,
    );
    if (timeStep === undefined) return 'failed';
    return (await this.twoFactor.acceptTimeStep(userId, timeStep)) ? 'totp' : 'failed';
  }

  /**
   * Demo mode only (the caller checks): a code that will be accepted next, so evaluators can
   * sign in without an authenticator app. The step after the last accepted one if that is still
   * within the tolerance, so signing in twice in one step works too.
   */
  async demoCode(userId: string): Promise<string | undefined> {
    const stored = await this.twoFactor.find(userId);
    if (!stored?.confirmedAt) return undefined;
    const now = this.clock.now();
    const next = Math.max(timeStepAt(now), stored.lastTimeStep === null ? 0 : Number(stored.lastTimeStep) + 1);
    return totpCode(openTotpSecret(this.encryption, userId, stored), next * TOTP_PERIOD_SECONDS * 1000);
  }

  /** Enrols a user directly with a known secret (demo seeding): answers the recovery codes. */
  async enrolWithSecret(userId: string, secret: string): Promise<string[]> {
    const { wrappedKey, sealedSecret } = sealTotpSecret(this.encryption, userId, secret);
    if (!(await this.twoFactor.saveUnconfirmed(userId, wrappedKey, sealedSecret)))
      throw new ConflictError('Already enrolled');
    const recoveryCodes = newRecoveryCodes();
    await this.transactions.withTransaction(async () => {
      await this.twoFactor.confirm(userId, null);
      await this.twoFactor.replaceRecoveryCodes(
        userId,
        recoveryCodes.map((recoveryCode) => this.hashRecoveryCode(userId, recoveryCode)),
      );
    });
    return recoveryCodes;
  }

  private hashRecoveryCode(userId: string, recoveryCode: string): Buffer {
    return this.encryption.keyedHash('recovery-code', `${userId}:${normaliseRecoveryCode(recoveryCode)}`);
  }

  private subjectOf(caller: Caller) {
    return { type: 'User', id: caller.actor.id, organisationId: caller.actor.organisationId };
  }
}

/** Printed as two groups of five: "abcde-23456". */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const characters = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(
      '',
    );
    return `${characters.slice(0, 5)}-${characters.slice(5)}`;
  });
}

export function normaliseRecoveryCode(recoveryCode: string): string {
  return recoveryCode.replace(/[\s-]+/g, '').toLowerCase();
}
