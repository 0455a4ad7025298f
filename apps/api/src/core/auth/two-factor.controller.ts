import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { recoveryCodesResponseSchema, totpCodeRequestSchema, twoFactorEnrolmentSchema, type RecoveryCodesResponse, type TotpCodeRequest, type TwoFactorEnrolment } from '@haven/contracts';
import { CurrentCaller, RequireAccess } from '../access/access.decorators.js';
import { ZodPipe } from '../errors/zod-body.pipe.js';
import { ApiContract } from '../http/api-contract.decorator.js';
import type { Caller } from './caller.js';
import { AvailableBeforeTwoFactor } from './two-factor.decorators.js';
import { TwoFactorService } from './two-factor.service.js';

/** The signed-in user's own second factor. Resetting someone else's is user administration (/api/users/:id). */
@Controller('auth/two-factor')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Post('enrolment')
  @HttpCode(200)
  @RequireAccess('read', 'Session')
  @AvailableBeforeTwoFactor()
  @ApiContract({ summary: 'Start enrolment: a new secret, shown once (key, otpauth URI, QR code)', response: twoFactorEnrolmentSchema, status: 200 })
  start(@CurrentCaller() caller: Caller): Promise<TwoFactorEnrolment> {
    return this.twoFactor.startEnrolment(caller);
  }

  @Post('enrolment/confirm')
  @HttpCode(200)
  @RequireAccess('read', 'Session')
  @AvailableBeforeTwoFactor()
  @ApiContract({ summary: 'Confirm enrolment with a first code; answers the recovery codes, once', body: totpCodeRequestSchema, response: recoveryCodesResponseSchema, status: 200 })
  confirm(@CurrentCaller() caller: Caller, @Body(new ZodPipe(totpCodeRequestSchema)) body: TotpCodeRequest): Promise<RecoveryCodesResponse> {
    return this.twoFactor.confirmEnrolment(caller, body.code);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @RequireAccess('read', 'Session')
  @ApiContract({ summary: 'Replace the recovery codes (needs a current code); answers the new ones, once', body: totpCodeRequestSchema, response: recoveryCodesResponseSchema, status: 200 })
  regenerate(@CurrentCaller() caller: Caller, @Body(new ZodPipe(totpCodeRequestSchema)) body: TotpCodeRequest): Promise<RecoveryCodesResponse> {
    return this.twoFactor.regenerateRecoveryCodes(caller, body.code);
  }
}
