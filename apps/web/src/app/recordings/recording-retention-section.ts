import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';
import type { RecordingRetention } from '@tolk/contracts';
import { Notify } from '../core/notify.service';
import { DateRuleField } from '../shared/ui/date-rule-field';
import { RecordingsApi } from './recordings.api';

/**
 * Owner-only, in the project settings: "the recordings are deleted once
 * transcribed" as a date. A week before it the owners and uploaders are
 * reminded; on the date the server deletes every recording of the project.
 */
@Component({
  selector: 'tolk-recording-retention-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DateRuleField, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <section aria-labelledby="recording-retention-heading" data-test="recording-retention">
      <h2 id="recording-retention-heading">{{ t('recordingRetention.heading') }}</h2>
      <p class="muted explain">
        {{ t('recordingRetention.explain') }}
        @if (rule(); as r) {
          {{ t('recordingRetention.count', { count: r.recordings }) }}
        }
      </p>
      <tolk-date-rule-field
        [label]="t('recordingRetention.date')"
        [clearLabel]="t('recordingRetention.clear')"
        [(date)]="date"
        [canClear]="!!rule()?.deleteBy"
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
export class RecordingRetentionSection {
  private readonly api = inject(RecordingsApi);
  private readonly notify = inject(Notify);
  readonly projectId = input.required<string>();

  protected readonly date = signal('');
  protected readonly rule = signal<RecordingRetention | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
  }

  private async load(projectId: string): Promise<void> {
    try {
      const rule = await this.api.retention(projectId);
      if (projectId !== this.projectId()) return;
      this.show(rule);
    } catch (err) {
      this.notify.error('recordingRetention.loadFailed', err);
    }
  }

  protected async save(date: string | null): Promise<void> {
    this.busy.set(true);
    try {
      const rule = await this.api.setRetention(this.projectId(), date);
      this.show(rule);
      if (rule.deleteBy) this.notify.info('recordingRetention.saved', { date: rule.deleteBy });
      else this.notify.info('recordingRetention.cleared');
    } catch (err) {
      this.notify.error('recordingRetention.saveFailed', err);
    } finally {
      this.busy.set(false);
    }
  }

  private show(rule: RecordingRetention): void {
    this.rule.set(rule);
    this.date.set(rule.deleteBy ?? '');
  }
}
