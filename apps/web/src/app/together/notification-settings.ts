import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationSettings } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { TogetherApi } from './together.api';

const LABEL: Record<NotificationKind, TranslationKey> = {
  mention: 'notificationSettings.mention',
  reply: 'notificationSettings.reply',
  proposal: 'notificationSettings.proposal',
  'proposal-decided': 'notificationSettings.proposal-decided',
  'deadline-snapshot': 'notificationSettings.deadline-snapshot',
  invitation: 'notificationSettings.invitation',
  'recording-deadline': 'notificationSettings.recording-deadline',
};

/** Which kinds of notification the user receives (`/api/me/notification-settings`), saved on each change. */
@Component({
  selector: 'tolk-notification-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCheckboxModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <fieldset class="kinds" [disabled]="!settings()">
      <legend>{{ t('notificationSettings.legend') }}</legend>
      @for (kind of kinds; track kind) {
        <mat-checkbox
          [attr.data-test]="'notify-' + kind"
          [checked]="settings()?.[kind] ?? true"
          (change)="set(kind, $event.checked)"
        >
          {{ t(label(kind)) }}
        </mat-checkbox>
      }
    </fieldset>
  </ng-container>`,
  styles: `
    .kinds {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      border: 0;
      margin: 0;
      padding: 0;
    }
    legend {
      margin-bottom: 0.5rem;
      padding: 0;
    }
  `,
})
export class NotificationSettingsSection {
  private readonly api = inject(TogetherApi);
  private readonly notify = inject(Notify);

  protected readonly kinds = NOTIFICATION_KINDS;
  protected readonly settings = signal<NotificationSettings | null>(null);

  constructor() {
    this.api.settings().then(
      (settings) => this.settings.set(settings),
      (err: unknown) => this.notify.error('notificationSettings.loadFailed', err),
    );
  }

  protected label(kind: NotificationKind): TranslationKey {
    return LABEL[kind];
  }

  protected async set(kind: NotificationKind, on: boolean): Promise<void> {
    const before = this.settings();
    if (before) this.settings.set({ ...before, [kind]: on });
    try {
      this.settings.set(await this.api.saveSettings({ [kind]: on }));
      this.notify.info('notificationSettings.saved');
    } catch (err) {
      this.settings.set(before);
      this.notify.error('notificationSettings.saveFailed', err);
    }
  }
}
