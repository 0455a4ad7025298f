import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { changePasswordRequestSchema, CSRF_COOKIE, SESSION_COOKIE, type ChangePasswordRequest, type MeResponse } from '@haven/contracts';
import { HAVEN_CONFIG, type HavenConfig } from '../../config/config.js';
import { UsersService } from '../../modules/users/users.service.js';
import { clientAddress, CurrentCaller, Public, RequireAccess } from '../access/access.decorators.js';
import { ZodPipe } from '../errors/zod-body.pipe.js';
import { AuthService } from './auth.service.js';
import type { Caller, SignedInUser } from './caller.js';
import { LocalAuthGuard } from './local-auth.guard.js';

@Controller('auth')
export class AuthController {
  constructor(
    @Inject(HAVEN_CONFIG) private readonly config: HavenConfig,
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  async login(@Req() request: Request & { user: SignedInUser }, @Res({ passthrough: true }) response: Response): Promise<MeResponse> {
    const session = await this.auth.startSession(request.user, clientAddress(request));
    const secure = this.config.cookieSecure === 'auto' ? request.secure : this.config.cookieSecure;
    const cookie = { sameSite: 'strict' as const, secure, path: '/', expires: session.expiresAt };
    response.cookie(SESSION_COOKIE, session.token, { ...cookie, httpOnly: true });
    // Readable by the web app, which echoes it in the X-CSRF-Token header.
    response.cookie(CSRF_COOKIE, session.csrfToken, { ...cookie, httpOnly: false });
    return this.auth.me({ ...request.user, csrfToken: session.csrfToken });
  }

  @Post('logout')
  @HttpCode(204)
  @RequireAccess('read', 'Session')
  async logout(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.signOut(caller);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Get('me')
  @RequireAccess('read', 'Session')
  me(@CurrentCaller() caller: Caller): Promise<MeResponse> {
    return this.auth.me(caller.actor);
  }

  @Post('password')
  @HttpCode(204)
  @RequireAccess('read', 'Session')
  changePassword(@CurrentCaller() caller: Caller, @Body(new ZodPipe(changePasswordRequestSchema)) body: ChangePasswordRequest): Promise<void> {
    return this.users.changeOwnPassword(caller, body.currentPassword, body.newPassword);
  }
}
