import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../core/auth/auth.service';
import { errorStatus } from '../core/http/api-error';
import { I18n } from '../core/i18n/i18n.service';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';

/** Checked here for quick feedback; the server has the final word. */
export const MIN_PASSWORD_LENGTH = 10;

@Component({
  selector: 'tolk-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoDirective],
  templateUrl: './register.page.html',
  styleUrl: './auth-page.scss',
})
export class RegisterPage implements OnInit {
  private readonly i18n = inject(I18n);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
  });
  protected readonly busy = signal(false);
  /** null until the server said whether it takes new accounts. */
  protected readonly open = signal<boolean | null>(null);
  protected readonly error = signal<TranslationKey | null>(null);
  /** The server's field-by-field reasons for a 400, shown as it wrote them. */
  protected readonly details = signal<string[]>([]);

  ngOnInit(): void {
    this.auth.options().then(
      (options) => this.open.set(options.registrationOpen),
      // If we cannot tell, let the user try; the server will say no if needed.
      () => this.open.set(true),
    );
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.details.set([]);
    const { name, email, password } = this.form.getRawValue();
    try {
      await this.auth.register({ name: name.trim(), email: email.trim(), password });
      // Registration does not start a session; log in with what was just typed.
      await this.auth.login(email.trim(), password);
      await this.router.navigate(['/projects']);
    } catch (err) {
      const status = errorStatus(err);
      this.error.set(registerErrorKey(status));
      this.details.set(this.i18n.reasonLines(err));
      if (status === 403) this.open.set(false);
    } finally {
      this.busy.set(false);
    }
  }
}

function registerErrorKey(status: number): TranslationKey {
  switch (status) {
    case 400:
      return 'register.error.invalid';
    case 403:
      return 'register.error.closed';
    case 409:
      return 'register.error.duplicate';
    case 429:
      return 'login.error.tooMany';
    case 0:
      return 'error.network';
    default:
      return 'error.generic';
  }
}
