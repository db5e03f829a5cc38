import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';

/** Access tokens are short-lived; the browser renews them with the refresh cookie. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 14 * 24 * 60 * 60;

type TokenKind = 'access' | 'refresh';

interface TokenClaims {
  sub: string;
  typ: TokenKind;
}

/** Signs and checks HS256 tokens with the instance secret (`TOLK_SECRET`). */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  issue(userId: string, kind: TokenKind): Promise<string> {
    const claims: TokenClaims = { sub: userId, typ: kind };
    return this.jwt.signAsync(claims, {
      secret: this.settings.secret,
      algorithm: 'HS256',
      expiresIn: kind === 'access' ? ACCESS_TOKEN_SECONDS : REFRESH_TOKEN_SECONDS,
      issuer: 'tolk',
    });
  }

  /** The user id a valid token of this kind names, or undefined. */
  async verify(token: string, kind: TokenKind): Promise<string | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, {
        secret: this.settings.secret,
        algorithms: ['HS256'],
        issuer: 'tolk',
      });
      // A refresh token must never pass as an access token, nor the reverse.
      return claims.typ === kind && typeof claims.sub === 'string' ? claims.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
