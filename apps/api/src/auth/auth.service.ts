import { Injectable, Logger } from '@nestjs/common';
import type { LoginResponse, User } from '@tolk/contracts';
import { AuditService } from '../audit/audit.service.js';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import type { Actor } from '../platform/actor.js';
import { conflict, DomainError, forbidden, unauthenticated } from '../platform/domain-error.js';
import type { ChangePasswordDto, LoginDto, RegisterDto } from './dto/auth.dto.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { TokensService } from './tokens.service.js';
import type { UserEntity } from './user.entity.js';
import { normaliseEmail, toUser } from './users.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly limiter: LoginRateLimiter,
    private readonly audit: AuditService,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  get registrationOpen(): boolean {
    return this.settings.allowRegistration;
  }

  async register(dto: RegisterDto): Promise<User> {
    if (!this.settings.allowRegistration)
      throw forbidden('registration_closed', 'Registration is closed on this server; ask its administrator');
    const email = normaliseEmail(dto.email);
    if (await this.users.existsByEmail(email))
      throw conflict('email_taken', 'An account with this email already exists');
    const passwordHash = await hashPassword(dto.password);
    // Null when a second registration of this email won the race.
    const saved = await this.users.insert({ email, name: dto.name, passwordHash });
    if (!saved) throw conflict('email_taken', 'An account with this email already exists');
    return toUser(saved);
  }

  async login(dto: LoginDto, address: string): Promise<{ response: LoginResponse; refreshToken: string }> {
    const email = normaliseEmail(dto.email);
    const wait = this.limiter.retryAfterSeconds(email, address);
    if (wait > 0) {
      await this.audit.record({ actor: null, action: 'auth.login_failed', details: { email, reason: 'rate_limited' } });
      throw new DomainError('too_many_sign_ins', `Too many failed sign-ins; try again in ${wait} seconds`, {
        seconds: wait,
      });
    }
    const user = await this.users.findByEmail(email);
    // Verify against a dummy hash for unknown emails: same time, same answer.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), dto.password);
    if (!user || !ok) {
      this.limiter.recordFailure(email, address);
      this.logger.warn(`Failed sign-in for ${email} from ${address}`);
      await this.audit.record({
        actor: null,
        action: 'auth.login_failed',
        target: user ? { type: 'user', id: user.id } : null,
        details: { email, reason: user ? 'wrong_password' : 'unknown_email' },
      });
      throw unauthenticated('wrong_credentials', 'Wrong email or password');
    }
    this.limiter.recordSuccess(email, address);
    return this.signedIn(user);
  }

  /** A new access token (and refresh token) from a valid refresh token. */
  async refresh(refreshToken: string | undefined): Promise<{ response: LoginResponse; refreshToken: string }> {
    const userId = refreshToken ? await this.tokens.verify(refreshToken, 'refresh') : undefined;
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) throw unauthenticated('session_ended', 'Your session has ended; sign in again');
    return this.sessionFor(user);
  }

  /**
   * Signs the account out everywhere: every token issued so far stops
   * working and its open live connections close (within a second, on every
   * instance). The credential is the refresh cookie or an access token.
   */
  async logout(credentials: { refreshToken?: string; accessToken?: string }): Promise<void> {
    const userId =
      (credentials.refreshToken ? await this.tokens.verify(credentials.refreshToken, 'refresh') : undefined) ??
      (credentials.accessToken ? await this.tokens.verify(credentials.accessToken, 'access') : undefined);
    if (!userId) return;
    await this.tokens.revoke(userId);
    await this.audit.record({ actor: { userId }, action: 'auth.logout', target: { type: 'user', id: userId } });
  }

  /** A new password ends every session; the caller gets a new one. */
  async changePassword(
    actor: Actor,
    dto: ChangePasswordDto,
  ): Promise<{ response: LoginResponse; refreshToken: string }> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw unauthenticated('account_gone', 'This account no longer exists');
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      await this.audit.record({ actor, action: 'auth.password_change_failed', target: { type: 'user', id: user.id } });
      throw forbidden('wrong_current_password', 'The current password is wrong');
    }
    await this.users.setPasswordHash(user.id, await hashPassword(dto.newPassword));
    user.tokenVersion = await this.tokens.revoke(user.id);
    await this.audit.record({ actor, action: 'auth.password_change', target: { type: 'user', id: user.id } });
    return this.sessionFor(user);
  }

  async me(actor: Actor): Promise<User> {
    const user = await this.users.findById(actor.userId);
    // The token outlived its account.
    if (!user) throw unauthenticated('account_gone', 'This account no longer exists');
    return toUser(user);
  }

  /** A sign-in succeeded (password, or a provider: `details.method`): recorded, and a session started. */
  async signedIn(
    user: UserEntity,
    details?: Record<string, unknown>,
  ): Promise<{ response: LoginResponse; refreshToken: string }> {
    await this.audit.record({
      actor: { userId: user.id },
      action: 'auth.login',
      target: { type: 'user', id: user.id },
      details,
    });
    return this.sessionFor(user);
  }

  private async sessionFor(user: UserEntity): Promise<{ response: LoginResponse; refreshToken: string }> {
    const [accessToken, refreshToken] = await Promise.all([
      this.tokens.issue(user, 'access'),
      this.tokens.issue(user, 'refresh'),
    ]);
    return { response: { accessToken, expiresIn: this.tokens.accessTokenSeconds, user: toUser(user) }, refreshToken };
  }
}
