import { Injectable } from '@nestjs/common';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import { EnvelopeEncryption } from '../crypto/envelope-encryption.js';

/** RFC 6238 defaults, which every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side, for phones whose clock is a little off. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
export const TOTP_ISSUER = 'Haven';

/**
 * The time TOTP codes are checked against. A provider of its own so that the test harness,
 * which signs the same people in many times a second, can step it past the replay guard
 * (a code is accepted once per account and time step) instead of weakening that guard.
 */
@Injectable()
export class TotpClock {
  now(): number {
    return Date.now();
  }
}

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, accountLabel: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountLabel, secret });
}

export function totpCode(secret: string, atMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(atMs / 1000) });
}

/** The accepted time step, or undefined; codes at or before `afterTimeStep` are refused. */
export async function verifyTotp(
  secret: string,
  code: string,
  atMs: number,
  afterTimeStep?: number,
): Promise<number | undefined> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(atMs / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterTimeStep === undefined ? {} : { afterTimeStep }),
  });
  // The TOTP strategy always reports the matched time step (the HOTP result type has none).
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

export function timeStepAt(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** Seals a TOTP secret under a fresh data key bound to the user; only the wrapped key is stored. */
export function sealTotpSecret(
  encryption: EnvelopeEncryption,
  userId: string,
  secret: string,
): { wrappedKey: Buffer; sealedSecret: Buffer } {
  const { dataKey, wrappedKey } = encryption.newDataKey(`totp:${userId}`);
  return { wrappedKey, sealedSecret: encryption.sealJson(dataKey, secret, `totp-secret:${userId}`) };
}

export function openTotpSecret(
  encryption: EnvelopeEncryption,
  userId: string,
  stored: { wrappedKey: Buffer; sealedSecret: Buffer },
): string {
  const dataKey = encryption.unwrapDataKey(`totp:${userId}`, stored.wrappedKey);
  return encryption.openJson<string>(dataKey, stored.sealedSecret, `totp-secret:${userId}`);
}
