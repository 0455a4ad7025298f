import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LocalStrategy } from './local.strategy.js';
import { SessionsModule } from './sessions.module.js';
import { TotpClock } from './totp.js';
import { TwoFactorController } from './two-factor.controller.js';
import { TwoFactorService } from './two-factor.service.js';

@Module({
  imports: [PassportModule, SessionsModule, UsersModule, OrganisationsModule],
  controllers: [AuthController, TwoFactorController],
  providers: [AuthService, LocalStrategy, TwoFactorService, TotpClock],
  exports: [AuthService, TwoFactorService, TotpClock],
})
export class AuthModule {}
