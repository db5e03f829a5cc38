import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../core/auth/auth.service';
import { errorStatus } from '../core/http/api-error';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { safeReturnUrl } from './safe-return-url';

@Component({
  selector: 'tolk-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoDirective],
  templateUrl: './login.page.html',
  styleUrl: './auth-page.scss',
})
export class LoginPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Bound from the query string by the router. */
  readonly returnUrl = input<string>();
  readonly expired = input<string>();
  /** Set by the api when a sign-in through the provider came back without a session. */
  readonly oidc = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  // A key, not a text, so the message follows a language switch.
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly registrationOpen = signal(false);
  /** The provider's name ("Feide") when sign-in through OpenID Connect is configured. */
  protected readonly oidcName = signal<string | null>(null);

  ngOnInit(): void {
    this.auth.options().then(
      (options) => {
        this.registrationOpen.set(options.registrationOpen);
        this.oidcName.set(options.oidc?.name ?? null);
      },
      () => this.registrationOpen.set(false),
    );
    const failure = this.oidc();
    if (failure) this.error.set(OIDC_FAILURES[failure] ?? 'login.oidc.failed');
  }

  /** A full page visit: the api sends the browser on to the provider and back. */
  protected oidcStart(): string {
    return `/api/auth/oidc/start?returnTo=${encodeURIComponent(safeReturnUrl(this.returnUrl()))}`;
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { email, password } = this.form.getRawValue();
    try {
      await this.auth.login(email.trim(), password);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (err) {
      this.error.set(loginErrorKey(errorStatus(err)));
    } finally {
      this.busy.set(false);
    }
  }
}

const OIDC_FAILURES: Record<string, TranslationKey> = {
  failed: 'login.oidc.failed',
  unverified: 'login.oidc.unverified',
  closed: 'login.oidc.closed',
};

function loginErrorKey(status: number): TranslationKey {
  switch (status) {
    case 400:
    case 401:
      return 'login.error.credentials';
    case 429:
      return 'login.error.tooMany';
    case 0:
      return 'error.network';
    default:
      return 'error.generic';
  }
}
