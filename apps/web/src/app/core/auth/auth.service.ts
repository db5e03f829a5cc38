import { DOCUMENT } from '@angular/common';
import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { AuthOptions, LoginResponse, RegisterRequest, User } from '@tolk/contracts';
import { firstValueFrom, timeout } from 'rxjs';

/**
 * Marks calls whose 401 means "wrong credentials" or "no session" rather
 * than "token expired": the interceptor must not answer those with a refresh.
 */
export const SKIP_REFRESH = new HttpContextToken<boolean>(() => false);
const noRefresh = (): HttpContext => new HttpContext().set(SKIP_REFRESH, true);

/**
 * A readable cookie the api sets at login and refresh and clears at logout.
 * The refresh cookie itself is httpOnly, so without this hint a first visit
 * could only find out that there is no session by a refresh that fails with
 * 401 (and a red line in the console).
 */
const SESSION_HINT = /(?:^|;\s*)tolk_session=1(?:;|$)/;

/** Renew a little before expiry so a request never carries a stale token. */
const RENEW_MARGIN_SECONDS = 30;

/**
 * Holds the session. The access token lives in memory only: a script injected
 * into the page could read localStorage, but it cannot read the httpOnly
 * refresh cookie, which is what restores the session after a reload.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly token = signal<string | null>(null);
  readonly user = signal<User | null>(null);
  readonly isLoggedIn = computed(() => this.user() !== null);
  private refreshing: Promise<boolean> | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;

  accessToken(): string | null {
    return this.token();
  }

  options(): Promise<AuthOptions> {
    return firstValueFrom(this.http.get<AuthOptions>('/api/auth/options', { context: noRefresh() }));
  }

  async login(email: string, password: string): Promise<void> {
    const answer = await firstValueFrom(
      this.http.post<LoginResponse>('/api/auth/login', { email, password }, { context: noRefresh() }),
    );
    this.accept(answer);
  }

  register(request: RegisterRequest): Promise<User> {
    return firstValueFrom(this.http.post<User>('/api/auth/register', request, { context: noRefresh() }));
  }

  /** At start: pick up the session of an earlier visit, if there is one. */
  async restore(): Promise<void> {
    if (!SESSION_HINT.test(this.document.cookie)) return;
    await this.refresh();
  }

  /**
   * Trades the refresh cookie for a new access token. Concurrent callers (say
   * three requests that all got 401 at once) share one round trip, because
   * the server may rotate the cookie and a second refresh would then fail.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= firstValueFrom(
      this.http.post<LoginResponse>('/api/auth/refresh', null, { context: noRefresh() }).pipe(timeout(10_000)),
    )
      .then((answer) => {
        this.accept(answer);
        return true;
      })
      .catch(() => {
        this.clear();
        return false;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>('/api/auth/logout', null, { context: noRefresh() }));
    } catch {
      // Forget the session locally even if the server could not be told.
    } finally {
      this.clear();
    }
  }

  clear(): void {
    clearTimeout(this.renewTimer);
    this.token.set(null);
    this.user.set(null);
  }

  private accept(answer: LoginResponse): void {
    this.token.set(answer.accessToken);
    this.user.set(answer.user);
    clearTimeout(this.renewTimer);
    if (answer.expiresIn > 0) {
      const delay = Math.max(answer.expiresIn - RENEW_MARGIN_SECONDS, 10) * 1000;
      this.renewTimer = setTimeout(() => void this.refresh(), delay);
    }
  }
}
