import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { DateRuleField } from '../shared/ui/date-rule-field';
import { RetentionApi } from './retention.api';

/** Owner-only, in the project settings: the date on which the project's data is erased. */
@Component({
  selector: 'tolk-retention-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DateRuleField, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <section aria-labelledby="retention-heading">
      <h2 id="retention-heading">{{ t('retention.heading') }}</h2>
      <p class="muted explain">{{ t('retention.explain') }}</p>
      <tolk-date-rule-field
        [label]="t('retention.date')"
        [clearLabel]="t('retention.clear')"
        [(date)]="date"
        [canClear]="saved()"
        [busy]="busy()"
        (save)="save($event)"
      />
    </section>
  </ng-container> `,
  styles: `
    :host {
      display: block;
      margin-top: 3rem;
    }
    .explain {
      margin: 0.25rem 0 1rem;
      max-width: 60ch;
    }
  `,
})
export class RetentionSection {
  private readonly api = inject(RetentionApi);
  private readonly notify = inject(Notify);
  readonly projectId = input.required<string>();

  protected readonly date = signal('');
  protected readonly saved = signal(false);
  protected readonly busy = signal(false);

  constructor() {
    // The section stays when the route moves to another project: load per project.
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
  }

  private async load(projectId: string): Promise<void> {
    try {
      const r = await this.api.get(projectId);
      if (projectId !== this.projectId()) return;
      this.date.set(r.retentionUntil ?? '');
      this.saved.set(r.retentionUntil !== null);
    } catch (err) {
      this.notify.error('retention.loadFailed', err);
    }
  }

  protected async save(date: string | null): Promise<void> {
    this.busy.set(true);
    try {
      const r = await this.api.set(this.projectId(), date);
      this.date.set(r.retentionUntil ?? '');
      this.saved.set(r.retentionUntil !== null);
      this.notify.info(r.retentionUntil ? 'retention.saved' : 'retention.cleared', { date: r.retentionUntil ?? '' });
    } catch (err) {
      this.notify.error('retention.saveFailed', err);
    } finally {
      this.busy.set(false);
    }
  }
}
