import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ImportSummary } from '@tolk/contracts';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Icon } from '../shared/ui/icon';
import { ExchangeApi, MAX_EXCHANGE_UPLOAD_BYTES } from './exchange.api';
import { ImportSummaryView } from './import-summary';

/** A whole project into a new one, or a codebook into this project's. */
export type ExchangeImportData = { kind: 'project' } | { kind: 'codebook'; projectId: string };

/** Closes with the new project's id (a project import), `true` (a codebook import), or nothing. */
export type ExchangeImportResult = { projectId: string } | true | undefined;

const ACCEPT = { project: '.qdpx,.qde', codebook: '.qdc,.qde,.qdpx' } as const;

/**
 * Choose a REFI-QDA file, import it, read the summary. The dialog stays
 * open after the import so the summary (what was left out, and why) is
 * seen before moving on.
 */
@Component({
  selector: 'tolk-exchange-import-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatProgressBarModule, Icon, ImportSummaryView, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <h2 mat-dialog-title>
      {{ t(data.kind === 'project' ? 'exchange.importProject.title' : 'exchange.importCodebook.title') }}
    </h2>
    <mat-dialog-content>
      @if (summary(); as summary) {
        <p class="done" role="status">{{ t('exchange.done') }}</p>
        <tolk-import-summary [summary]="summary" [codebookOnly]="data.kind === 'codebook'" />
      } @else {
        <p class="lead">
          {{ t(data.kind === 'project' ? 'exchange.importProject.lead' : 'exchange.importCodebook.lead') }}
        </p>
        <input
          #fileInput
          class="visually-hidden"
          type="file"
          [accept]="accept"
          (change)="pick($event)"
          tabindex="-1"
          aria-hidden="true"
        />
        <div class="pick">
          <button mat-stroked-button type="button" [disabled]="busy()" (click)="fileInput.click()">
            <tolk-icon name="upload" />
            {{ t('exchange.choose') }}
          </button>
          <span class="file-name" [class.muted]="!file()">{{ file()?.name ?? t('exchange.noFile') }}</span>
        </div>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('exchange.importing')" />
        }
        @if (error(); as lines) {
          <div class="form-error" role="alert">
            @for (line of lines; track $index) {
              <div>{{ line }}</div>
            }
          </div>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (summary()) {
        @if (data.kind === 'project') {
          <button mat-button type="button" (click)="ref.close()">{{ t('action.close') }}</button>
          <button mat-flat-button type="button" (click)="ref.close({ projectId: projectId()! })">
            {{ t('exchange.open') }}
          </button>
        } @else {
          <button mat-flat-button type="button" (click)="ref.close(true)">{{ t('action.close') }}</button>
        }
      } @else {
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">{{ t('action.cancel') }}</button>
        <button mat-flat-button type="button" [disabled]="!canImport()" (click)="run()">
          {{ t('exchange.import') }}
        </button>
      }
    </mat-dialog-actions>
  </ng-container> `,
  styles: `
    .lead {
      margin-top: 0;
    }
    .pick {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      margin: 1rem 0;
      flex-wrap: wrap;
    }
    .file-name {
      overflow-wrap: anywhere;
    }
    .done {
      margin-top: 0;
      font-weight: 500;
    }
    .form-error {
      margin-top: 1rem;
    }
  `,
})
export class ExchangeImportDialog {
  private readonly api = inject(ExchangeApi);
  private readonly i18n = inject(I18n);
  protected readonly ref = inject<MatDialogRef<ExchangeImportDialog, ExchangeImportResult>>(MatDialogRef);
  protected readonly data = inject<ExchangeImportData>(MAT_DIALOG_DATA);

  protected readonly accept = ACCEPT[this.data.kind];
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string[] | null>(null);
  protected readonly summary = signal<ImportSummary | null>(null);
  protected readonly projectId = signal<string | null>(null);
  protected readonly canImport = computed(() => this.file() !== null && !this.busy());

  protected pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    input.value = '';
    this.error.set(null);
    if (file && file.size > MAX_EXCHANGE_UPLOAD_BYTES) {
      this.file.set(null);
      this.error.set([this.tooLarge()]);
      return;
    }
    this.file.set(file);
  }

  protected async run(): Promise<void> {
    const file = this.file();
    if (!file) return;
    this.busy.set(true);
    this.error.set(null);
    this.ref.disableClose = true;
    try {
      if (this.data.kind === 'project') {
        const result = await this.api.importProject(file);
        this.projectId.set(result.projectId);
        this.summary.set(result.summary);
      } else {
        this.summary.set((await this.api.importCodebook(this.data.projectId, file)).summary);
      }
    } catch (err) {
      const lines = this.i18n.reasonLines(err);
      this.error.set(lines.length > 0 ? lines : [this.failed()]);
    } finally {
      this.busy.set(false);
      this.ref.disableClose = false;
    }
  }

  private tooLarge(): string {
    return this.i18n.t('exchange.tooLarge', { max: MAX_EXCHANGE_UPLOAD_BYTES / (1024 * 1024) });
  }

  private failed(): string {
    return this.i18n.t('exchange.failed');
  }
}
