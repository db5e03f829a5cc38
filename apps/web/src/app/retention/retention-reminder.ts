import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import type { ProjectRetention } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { RetentionApi } from './retention.api';

/** In the project header, for every member, within 30 days of the retention date. */
@Component({
  selector: 'tolk-retention-reminder',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoDirective],
  template: `<ng-container *transloco="let t">
    @if (retention(); as r) {
      @if (r.reminder) {
        <p class="reminder" role="status">
          {{ t('retention.reminder', { date: r.retentionUntil ?? '', days: r.daysLeft ?? 0 }) }}
        </p>
      }
    }
  </ng-container> `,
  styles: `
    .reminder {
      margin: 0.5rem 0 0;
      padding: 0.5rem 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      max-width: 60ch;
    }
  `,
})
export class RetentionReminder {
  private readonly api = inject(RetentionApi);
  readonly projectId = input.required<string>();
  protected readonly retention = signal<ProjectRetention | null>(null);

  constructor() {
    effect(() => {
      const id = this.projectId();
      void this.api.get(id).then(
        (r) => this.retention.set(r),
        () => this.retention.set(null),
      );
    });
  }
}
