import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { PasswordEstimator } from './password/password-estimator.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcService } from './oidc/oidc.service.js';
import { TokensService } from './tokens.service.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { UsersRepository } from './users.repository.js';

@Module({
  imports: [JwtModule.register({})],
  controllers: [AuthController, OidcController],
  providers: [
    UsersRepository,
    RefreshTokensRepository,
    AuthService,
    TokensService,
    LoginRateLimiter,
    PasswordEstimator,
    OidcService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokensService, OidcService, UsersRepository],
})
export class AuthModule {}
