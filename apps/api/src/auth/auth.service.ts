import { Injectable, Logger } from '@nestjs/common';
import type { LoginResponse, User } from '@tolk/contracts';
import { AuditService } from '../audit/audit.service.js';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import type { Actor } from '../platform/actor.js';
import { conflict, DomainError, forbidden, invalid, unauthenticated } from '../platform/domain-error.js';
import type { ChangePasswordDto, LoginDto, RegisterDto } from './dto/auth.dto.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { PasswordEstimator } from './password/password-estimator.js';
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
    private readonly passwords: PasswordEstimator,
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
    await this.requireStrongPassword(dto.password, { email, name: dto.name });
    const passwordHash = await hashPassword(dto.password);
    // Null when a second registration of this email won the race.
    const saved = await this.users.insert({ email, name: dto.name, passwordHash });
    if (!saved) throw conflict('email_taken', 'An account with this email already exists');
    return toUser(saved);
  }

  async login(dto: LoginDto, address: string): Promise<{ response: LoginResponse; refreshToken: string }> {
    const email = normaliseEmail(dto.email);
    const wait = await this.limiter.retryAfterSeconds(email, address);
    if (wait > 0) {
      await this.audit.log('auth.login_failed', { details: { email, reason: 'rate_limited' } }, { actor: null });
      throw new DomainError('too_many_sign_ins', `Too many failed sign-ins; try again in ${wait} seconds`, {
        seconds: wait,
      });
    }
    const user = await this.users.findByEmail(email);
    // Verify against a dummy hash for unknown emails: same time, same answer.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), dto.password);
    if (!user || !ok) {
      await this.limiter.recordFailure(email, address);
      this.logger.warn(`Failed sign-in for ${email} from ${address}`);
      await this.audit.log(
        'auth.login_failed',
        { userId: user?.id, details: { email, reason: user ? 'wrong_password' : 'unknown_email' } },
        { actor: null },
      );
      throw unauthenticated('wrong_credentials', 'Wrong email or password');
    }
    await this.limiter.recordSuccess(email, address);
    return this.signedIn(user);
  }

  /** A new access token (and refresh token) from a valid refresh token. */
  async refresh(refreshToken: string | undefined): Promise<{ response: LoginResponse; refreshToken: string }> {
    const ended = () => unauthenticated('session_ended', 'Your session has ended; sign in again');
    if (!refreshToken) throw ended();
    const rotation = await this.tokens.rotate(refreshToken);
    if (!rotation.ok) {
      if (rotation.reused) {
        const userId = this.tokens.subjectOf(refreshToken, 'refresh');
        this.logger.warn(`A used refresh token came back for ${userId ?? 'an unknown account'}: its family is revoked`);
        if (userId) await this.audit.log('auth.refresh_reused', { userId }, { actor: null });
      }
      throw ended();
    }
    const user = await this.users.findById(rotation.userId);
    if (!user) throw ended();
    return this.sessionFor(user, rotation.familyId);
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
    await this.audit.log('auth.logout', { userId }, { actor: { userId } });
  }

  /** A new password ends every session; the caller gets a new one. */
  async changePassword(
    actor: Actor,
    dto: ChangePasswordDto,
  ): Promise<{ response: LoginResponse; refreshToken: string }> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw unauthenticated('account_gone', 'This account no longer exists');
    // Whoever holds a stolen access token must not be able to guess the password behind it.
    const wait = await this.limiter.passwordRetryAfterSeconds(user.id);
    if (wait > 0) {
      await this.audit.log('auth.password_change_failed', { userId: user.id, reason: 'rate_limited' }, { actor });
      throw new DomainError(
        'too_many_password_attempts',
        `Too many wrong current passwords; try again in ${wait} seconds`,
        { seconds: wait },
      );
    }
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      await this.limiter.recordPasswordFailure(user.id);
      await this.audit.log('auth.password_change_failed', { userId: user.id, reason: 'wrong_password' }, { actor });
      throw forbidden('wrong_current_password', 'The current password is wrong');
    }
    await this.limiter.recordPasswordSuccess(user.id);
    await this.requireStrongPassword(dto.newPassword, user);
    await this.users.setPasswordHash(user.id, await hashPassword(dto.newPassword));
    user.tokenVersion = await this.tokens.revoke(user.id);
    await this.audit.log('auth.password_change', { userId: user.id }, { actor });
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
    await this.audit.log('auth.login', { userId: user.id, details }, { actor: { userId: user.id } });
    return this.sessionFor(user);
  }

  /**
   * A new password must be hard to guess and free of the person's own e-mail
   * and name (400 with the reason). Estimated in a thread of its own: a crafted
   * password must not hold up everyone else's requests.
   */
  private async requireStrongPassword(password: string, person: { email: string; name: string }): Promise<void> {
    const verdict = await this.passwords.check(password, person);
    if (verdict.ok) return;
    if (verdict.reason === 'password_contains_personal_data')
      throw invalid('password_contains_personal_data', 'The password must not contain your e-mail address or name');
    throw invalid('password_too_weak', 'The password is too easy to guess; use a longer one or several unusual words');
  }

  /** Tokens for the account; the refresh token continues `familyId` (a refresh) or starts a family (a sign-in). */
  private async sessionFor(
    user: UserEntity,
    familyId?: string,
  ): Promise<{ response: LoginResponse; refreshToken: string }> {
    const [accessToken, refreshToken] = await Promise.all([
      this.tokens.issue(user, 'access'),
      this.tokens.issue(user, 'refresh', familyId),
    ]);
    return { response: { accessToken, expiresIn: this.tokens.accessTokenSeconds, user: toUser(user) }, refreshToken };
  }
}
