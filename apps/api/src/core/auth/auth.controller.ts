import { Controller, Inject, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  activateAccountRequestSchema,
  activateAccountResponseSchema,
  changePasswordRequestSchema,
  CSRF_COOKIE,
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  PENDING_SIGN_IN_COOKIE,
  secondFactorRequestSchema,
  SESSION_COOKIE,
  sessionExtendedSchema,
  type ActivateAccountRequest,
  type ActivateAccountResponse,
  type ChangePasswordRequest,
  type LoginResponse,
  type MeResponse,
  type SecondFactorRequest,
  type SessionExtended,
} from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { AccountActivationService } from '../users/account-activation.service.js';
import { UsersService } from '../users/users.service.js';
import { clientAddress, CurrentCaller } from '../access/access.decorators.js';
import { Body, Route } from '../http/route.decorator.js';
import { AuthService, type StartedSession } from './auth.service.js';
import type { Caller, SignedInUser } from './caller.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { AvailableBeforeTwoFactor } from './two-factor.decorators.js';

/** The pending sign-in cookie is only ever sent to the second step. */
const PENDING_COOKIE_PATH = '/api/auth/login';

@Controller('auth')
export class AuthController {
  constructor(
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly activation: AccountActivationService,
  ) {}

  @Route({
    method: 'POST',
    path: 'login',
    permission: 'public',
    summary: 'Sign in with e-mail and password: a session, or a second-factor challenge',
    body: loginRequestSchema,
    bodyReadByGuard: true,
    response: loginResponseSchema,
    status: 200,
  })
  @UseGuards(LocalAuthGuard)
  async login(
    @Req() request: Request & { user: SignedInUser },
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const outcome = await this.auth.afterPassword(request.user, clientAddress(request));
    if ('pending' in outcome) {
      const { token, expiresAt, demoCode } = outcome.pending;
      response.cookie(PENDING_SIGN_IN_COOKIE, token, {
        sameSite: 'strict',
        secure: this.secure(request),
        path: PENDING_COOKIE_PATH,
        expires: expiresAt,
        httpOnly: true,
      });
      return { secondFactor: 'required', expiresAt: expiresAt.toISOString(), ...(demoCode ? { demoCode } : {}) };
    }
    this.setSessionCookies(request, response, outcome.session);
    return this.auth.me({ ...request.user, csrfToken: outcome.session.csrfToken });
  }

  @Route({
    method: 'POST',
    path: 'login/second-factor',
    permission: 'public',
    summary: 'Second sign-in step: a code from the authenticator app or a recovery code',
    body: secondFactorRequestSchema,
    response: meResponseSchema,
    status: 200,
  })
  async secondFactor(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body() body: SecondFactorRequest,
  ): Promise<MeResponse> {
    const pendingToken = (request.cookies as Record<string, string> | undefined)?.[PENDING_SIGN_IN_COOKIE];
    const { user, session } = await this.auth.completeSecondFactor(pendingToken, body, clientAddress(request));
    response.clearCookie(PENDING_SIGN_IN_COOKIE, { path: PENDING_COOKIE_PATH });
    this.setSessionCookies(request, response, session);
    return this.auth.me({ ...user, csrfToken: session.csrfToken });
  }

  @Route({
    method: 'POST',
    path: 'logout',
    permission: ['read', 'Session'],
    summary: 'Sign out: the session ends',
    status: 204,
  })
  @AvailableBeforeTwoFactor()
  async logout(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.signOut(caller);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Route({
    method: 'GET',
    path: 'me',
    permission: ['read', 'Session'],
    summary: 'The signed-in user, their permissions and the CSRF token',
    response: meResponseSchema,
  })
  @AvailableBeforeTwoFactor()
  me(@CurrentCaller() caller: Caller): Promise<MeResponse> {
    return this.auth.me(caller.actor);
  }

  @Route({
    method: 'POST',
    path: 'session/extend',
    permission: ['read', 'Session'],
    summary: 'Stay signed in: the idle timeout starts again now (a session already ended stays ended: 401)',
    response: sessionExtendedSchema,
    status: 200,
  })
  @AvailableBeforeTwoFactor()
  extendSession(@Req() request: Request): Promise<SessionExtended> {
    return this.auth.extendSession((request.cookies as Record<string, string>)[SESSION_COOKIE]!);
  }

  @Route({
    method: 'POST',
    path: 'password',
    permission: ['read', 'Session'],
    summary: 'Change your own password (needs the current one); your other sessions end',
    body: changePasswordRequestSchema,
    status: 204,
  })
  changePassword(@CurrentCaller() caller: Caller, @Body() body: ChangePasswordRequest): Promise<void> {
    return this.users.changeOwnPassword(caller, body.currentPassword, body.newPassword);
  }

  /**
   * Sets a password through a one-time invitation or reset link (public: the link is the proof).
   * Creates no session: the person then signs in, and roles that need one enrol a second factor.
   */
  @Route({
    method: 'POST',
    path: 'activate',
    permission: 'public',
    summary: 'Set a password with a one-time activation or reset link',
    body: activateAccountRequestSchema,
    response: activateAccountResponseSchema,
    status: 200,
  })
  activate(@Req() request: Request, @Body() body: ActivateAccountRequest): Promise<ActivateAccountResponse> {
    return this.activation.activate(body, clientAddress(request));
  }

  private secure(request: Request): boolean {
    return this.config.cookieSecure === 'auto' ? request.secure : this.config.cookieSecure;
  }

  private setSessionCookies(request: Request, response: Response, session: StartedSession): void {
    const cookie = { sameSite: 'strict' as const, secure: this.secure(request), path: '/', expires: session.expiresAt };
    response.cookie(SESSION_COOKIE, session.token, { ...cookie, httpOnly: true });
    // Readable by the web app, which echoes it in the X-CSRF-Token header.
    response.cookie(CSRF_COOKIE, session.csrfToken, { ...cookie, httpOnly: false });
  }
}
