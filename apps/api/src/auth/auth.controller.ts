import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthOptions, LoginResponse, User } from '@tolk/contracts';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor } from '../platform/actor.js';
import { Public } from '../platform/public.decorator.js';
import { RateLimited } from '../platform/rate-limit.js';
import { AuthService } from './auth.service.js';
import { OidcService } from './oidc/oidc.service.js';
import { ChangePasswordDto, LoginDto, RegisterDto } from './dto/auth.dto.js';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie.js';
import { ApiAnswer } from '../platform/openapi/api-answers.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly oidc: OidcService,
  ) {}

  @Public()
  @Get('options')
  @ApiAnswer.ok('AuthOptions', 'what the sign-in page may offer')
  options(): AuthOptions {
    return { registrationOpen: this.auth.registrationOpen, oidc: this.oidc.name ? { name: this.oidc.name } : null };
  }

  @Public()
  @RateLimited('register')
  @Post('register')
  @ApiAnswer.created('User', 'the new account')
  register(@Body() dto: RegisterDto): Promise<User> {
    return this.auth.register(dto);
  }

  @Public()
  @Post('login')
  @ApiAnswer.ok('LoginResponse', 'a session; the refresh cookie is set beside it')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const session = await this.auth.login(dto, request.ip ?? 'unknown');
    setRefreshCookie(request, response, session.refreshToken);
    return session.response;
  }

  @Public()
  @Post('refresh')
  @ApiAnswer.ok('LoginResponse', 'a new access token from the refresh cookie (which is renewed)')
  @HttpCode(200)
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LoginResponse> {
    const session = await this.auth.refresh(readRefreshCookie(request));
    setRefreshCookie(request, response, session.refreshToken);
    return session.response;
  }

  @Public()
  @Post('logout')
  @ApiAnswer.noContent('signed out everywhere: every token issued before stops working')
  @HttpCode(204)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const [scheme, accessToken] = (request.headers.authorization ?? '').split(' ');
    await this.auth.logout({
      refreshToken: readRefreshCookie(request),
      accessToken: scheme === 'Bearer' ? accessToken : undefined,
    });
    clearRefreshCookie(request, response);
  }

  @ApiBearerAuth()
  @Post('password')
  @ApiAnswer.ok('LoginResponse', 'a new session; every other session of the account ended')
  @HttpCode(200)
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const session = await this.auth.changePassword(actor, dto);
    setRefreshCookie(request, response, session.refreshToken);
    return session.response;
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiAnswer.ok('User', 'the signed-in account')
  me(@CurrentActor() actor: Actor): Promise<User> {
    return this.auth.me(actor);
  }
}
