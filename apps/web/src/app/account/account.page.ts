import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { downloadFile } from '../core/http/download';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { confirm } from '../shared/ui/confirm-dialog';
import { Icon } from '../shared/ui/icon';
import { NotificationSettingsSection } from '../together/notification-settings';

/**
 * GDPR self-service: a copy of everything about the caller
 * (`GET /api/me/export`) and erasure of the account (`DELETE /api/me`,
 * refused with the reason while the caller is a project's only owner).
 */
@Component({
  selector: 'tolk-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, Icon, NotificationSettingsSection, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <h1>{{ t('account.heading') }}</h1>
    <p class="page-lead">{{ t('account.lead') }}</p>

    <section class="account-section" aria-labelledby="account-notifications">
      <h2 id="account-notifications">{{ t('notificationSettings.heading') }}</h2>
      <p>{{ t('notificationSettings.text') }}</p>
      <tolk-notification-settings />
    </section>

    <section class="account-section" aria-labelledby="account-export">
      <h2 id="account-export">{{ t('account.export.heading') }}</h2>
      <p>{{ t('account.export.text') }}</p>
      <button mat-stroked-button type="button" [disabled]="busy()" (click)="download()">
        <tolk-icon name="download" />{{ t('account.export.button') }}
      </button>
    </section>

    <section class="account-section" aria-labelledby="account-delete">
      <h2 id="account-delete">{{ t('account.delete.heading') }}</h2>
      <p>{{ t('account.delete.text') }}</p>
      @if (refusal().length > 0) {
        <div class="form-error" role="alert">
          @for (line of refusal(); track $index) {
            <div>{{ line }}</div>
          }
        </div>
      }
      <button mat-stroked-button type="button" class="danger" [disabled]="busy()" (click)="erase()">
        <tolk-icon name="delete" />{{ t('account.delete.button') }}
      </button>
    </section>
  </ng-container> `,
  styles: `
    :host {
      display: block;
      max-width: 46rem;
    }
    .account-section {
      margin-top: 2rem;
      padding-top: 1.5rem;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .account-section p {
      max-width: 60ch;
    }
    .form-error {
      margin-bottom: 1rem;
    }
    .danger {
      --mat-button-outlined-label-text-color: var(--mat-sys-error);
    }
  `,
})
export class AccountPage {
  private readonly i18n = inject(I18n);
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);

  protected readonly busy = signal(false);
  /** The server's reason for refusing an erasure (e.g. the projects the caller alone owns). */
  protected readonly refusal = signal<string[]>([]);

  protected async download(): Promise<void> {
    this.busy.set(true);
    try {
      await downloadFile(this.http, '/api/me/export', {}, 'tolk-my-data.json');
    } catch (err) {
      this.notify.error('account.export.failed', err);
    } finally {
      this.busy.set(false);
    }
  }

  protected async erase(): Promise<void> {
    this.refusal.set([]);
    const sure = await confirm(this.dialog, {
      title: 'account.delete.confirmTitle',
      message: 'account.delete.confirmMessage',
      confirm: 'account.delete.button',
      destructive: true,
    });
    if (!sure) return;
    this.busy.set(true);
    try {
      await firstValueFrom(this.http.delete<void>('/api/me'));
      this.auth.clear();
      await this.router.navigate(['/login']);
    } catch (err) {
      this.refusal.set(this.i18n.reasonLines(err));
      if (this.refusal().length === 0) this.notify.error('account.delete.failed', err);
    } finally {
      this.busy.set(false);
    }
  }
}
