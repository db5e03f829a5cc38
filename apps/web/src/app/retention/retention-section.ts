import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { RetentionApi } from './retention.api';

/** Owner-only, in the project settings: the date on which the project's data is erased. */
@Component({
  selector: 'tolk-retention-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <section aria-labelledby="retention-heading">
      <h2 id="retention-heading">{{ t('retention.heading') }}</h2>
      <p class="muted explain">{{ t('retention.explain') }}</p>
      <div class="row">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ t('retention.date') }}</mat-label>
          <input matInput type="date" [min]="today" [ngModel]="date()" (ngModelChange)="date.set($event)" />
        </mat-form-field>
        <button mat-flat-button type="button" [disabled]="busy()" (click)="save(date() || null)">
          {{ t('action.save') }}
        </button>
        @if (saved()) {
          <button mat-button type="button" [disabled]="busy()" (click)="save(null)">{{ t('retention.clear') }}</button>
        }
      </div>
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
    .row {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
  `,
})
export class RetentionSection {
  private readonly api = inject(RetentionApi);
  private readonly notify = inject(Notify);
  readonly projectId = input.required<string>();

  protected readonly today = new Date().toISOString().slice(0, 10);
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
