import { Controller } from '@nestjs/common';
import {
  recoveryCodesResponseSchema,
  totpCodeRequestSchema,
  twoFactorEnrolmentSchema,
  type RecoveryCodesResponse,
  type TotpCodeRequest,
  type TwoFactorEnrolment,
} from '@haven/contracts';
import { CurrentCaller } from '../access/access.decorators.js';
import { Body, Route } from '../http/route.decorator.js';
import type { Caller } from './caller.js';
import { AvailableBeforeTwoFactor } from './two-factor.decorators.js';
import { TwoFactorService } from './two-factor.service.js';

/** The signed-in user's own second factor. Resetting someone else's is user administration (/api/users/:id). */
@Controller('auth/two-factor')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Route({
    method: 'POST',
    path: 'enrolment',
    permission: ['read', 'Session'],
    summary: 'Start enrolment: a new secret, shown once (key, otpauth URI, QR code)',
    response: twoFactorEnrolmentSchema,
    status: 200,
  })
  @AvailableBeforeTwoFactor()
  start(@CurrentCaller() caller: Caller): Promise<TwoFactorEnrolment> {
    return this.twoFactor.startEnrolment(caller);
  }

  @Route({
    method: 'POST',
    path: 'enrolment/confirm',
    permission: ['read', 'Session'],
    summary: 'Confirm enrolment with a first code; answers the recovery codes, once',
    body: totpCodeRequestSchema,
    response: recoveryCodesResponseSchema,
    status: 200,
  })
  @AvailableBeforeTwoFactor()
  confirm(@CurrentCaller() caller: Caller, @Body() body: TotpCodeRequest): Promise<RecoveryCodesResponse> {
    return this.twoFactor.confirmEnrolment(caller, body.code);
  }

  @Route({
    method: 'POST',
    path: 'recovery-codes',
    permission: ['read', 'Session'],
    summary: 'Replace the recovery codes (needs a current code); answers the new ones, once',
    body: totpCodeRequestSchema,
    response: recoveryCodesResponseSchema,
    status: 200,
  })
  regenerate(@CurrentCaller() caller: Caller, @Body() body: TotpCodeRequest): Promise<RecoveryCodesResponse> {
    return this.twoFactor.regenerateRecoveryCodes(caller, body.code);
  }
}
