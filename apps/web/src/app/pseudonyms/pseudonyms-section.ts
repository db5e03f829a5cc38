import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { confirm } from '../shared/ui/confirm-dialog';
import { listToText, textToList } from './key-list-text';
import { RecordingsApi } from '../recordings/recordings.api';
import { PseudonymsApi } from './pseudonyms.api';

/** Owner-only: the key list (kept encrypted on the server), applying it to every transcript, destroying it. */
@Component({
  selector: 'tolk-pseudonyms-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <section aria-labelledby="pseudonyms-heading">
      <h2 id="pseudonyms-heading">{{ t('pseudonyms.heading') }}</h2>
      <p class="muted explain">{{ t('pseudonyms.explain') }}</p>
      @if (recordings() > 0) {
        <p class="recordings" role="note" data-test="recordings-not-pseudonymised">
          <span class="warn-badge">{{ t('recording.notPseudonymised') }}</span>
          {{ t('pseudonyms.recordings', { count: recordings() }) }}
        </p>
      }
      <mat-form-field class="list">
        <mat-label>{{ t('pseudonyms.list') }}</mat-label>
        <textarea
          matInput
          rows="6"
          [ngModel]="text()"
          (ngModelChange)="text.set($event); badLines.set([])"
          [placeholder]="t('pseudonyms.placeholder')"
        ></textarea>
        <mat-hint>{{ t('pseudonyms.hint') }}</mat-hint>
      </mat-form-field>
      @if (badLines().length > 0) {
        <p class="form-error" role="alert">{{ t('pseudonyms.badLines', { lines: badLines().join(', ') }) }}</p>
      }
      <div class="button-row">
        <button mat-flat-button type="button" [disabled]="busy()" (click)="save()">{{ t('action.save') }}</button>
        <button mat-stroked-button type="button" [disabled]="busy() || !saved()" (click)="apply()">
          {{ t('pseudonyms.apply') }}
        </button>
        <button mat-button type="button" class="destroy" [disabled]="busy() || !saved()" (click)="destroy()">
          {{ t('pseudonyms.destroy') }}
        </button>
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
    .recordings {
      margin: 0 0 1rem;
      max-width: 60ch;
    }
    .warn-badge {
      margin-right: 0.35rem;
    }
    .list {
      width: 100%;
    }
    .button-row {
      display: flex;
      gap: 0.75rem;
      flex-wrap: wrap;
      margin-top: 0.75rem;
    }
    .destroy {
      --mat-button-text-label-text-color: var(--mat-sys-error);
    }
  `,
})
export class PseudonymsSection {
  private readonly api = inject(PseudonymsApi);
  private readonly recordingsApi = inject(RecordingsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);

  readonly projectId = input.required<string>();

  protected readonly text = signal('');
  protected readonly saved = signal(false);
  protected readonly badLines = signal<number[]>([]);
  protected readonly busy = signal(false);
  /** Recordings of the project still stored: the key list never reaches their voices. */
  protected readonly recordings = signal(0);

  constructor() {
    // The section stays when the route moves to another project: load per project.
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
  }

  private async load(projectId: string): Promise<void> {
    this.recordings.set(0);
    void this.recordingsApi.retention(projectId).then(
      (rule) => projectId === this.projectId() && this.recordings.set(rule.recordings),
      // Only a notice: the key list works without it.
      () => undefined,
    );
    try {
      const list = await this.api.get(projectId);
      if (projectId !== this.projectId()) return;
      this.text.set(listToText(list.entries));
      this.saved.set(list.updatedAt !== null);
    } catch (err) {
      this.notify.error('pseudonyms.loadFailed', err);
    }
  }

  protected async save(): Promise<void> {
    const { entries, badLines } = textToList(this.text());
    this.badLines.set(badLines);
    if (badLines.length > 0) return;
    await this.run(async () => {
      const list = await this.api.save(this.projectId(), entries);
      this.text.set(listToText(list.entries));
      this.saved.set(true);
      this.notify.info('pseudonyms.saved');
    }, 'pseudonyms.saveFailed');
  }

  protected async apply(): Promise<void> {
    const yes = await confirm(this.dialog, {
      title: 'pseudonyms.apply.title',
      message: 'pseudonyms.apply.message',
      confirm: 'pseudonyms.apply',
    });
    if (!yes) return;
    await this.run(async () => {
      const result = await this.api.apply(this.projectId());
      this.notify.info('pseudonyms.applied', { replacements: result.replacements, documents: result.documentsChanged });
    }, 'pseudonyms.applyFailed');
  }

  protected async destroy(): Promise<void> {
    const yes = await confirm(this.dialog, {
      title: 'pseudonyms.destroy.title',
      message: 'pseudonyms.destroy.message',
      confirm: 'pseudonyms.destroy',
      destructive: true,
    });
    if (!yes) return;
    await this.run(async () => {
      await this.api.destroy(this.projectId());
      this.text.set('');
      this.saved.set(false);
      this.notify.info('pseudonyms.destroyed');
    }, 'pseudonyms.destroyFailed');
  }

  private async run(work: () => Promise<void>, failure: Parameters<Notify['error']>[0]): Promise<void> {
    this.busy.set(true);
    try {
      await work();
    } catch (err) {
      this.notify.error(failure, err);
    } finally {
      this.busy.set(false);
    }
  }
}
