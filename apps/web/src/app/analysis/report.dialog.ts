import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type { Code, SnapshotSummary } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { SnapshotsApi } from '../snapshots/snapshots.api';
import { AnalysisApi, type ReportFormat, type ReportOrder } from './analysis.api';
import { codeLabels } from './code-labels';
import type { CoderParams } from './coder-choice';

/** Whose codings the report may quote: the page's «Kodet av» choices that name one set of people. */
export interface ReportCoderChoice {
  key: string;
  label: string;
  params: CoderParams;
}

export interface ReportDialogData {
  projectId: string;
  codes: readonly Code[];
  coders: readonly ReportCoderChoice[];
  coder: string;
}

/**
 * The quote report's options before it downloads: format (Word, OpenDocument,
 * Markdown), which themes (codes; each brings its sub-codes), their order,
 * whose codings (the report always quotes their union: no passage twice),
 * now or a snapshot, and whether each code's definition and memos go in.
 */
@Component({
  selector: 'tolk-report-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoDirective,
  ],
  templateUrl: './report.dialog.html',
  styles: `
    .fields {
      display: grid;
      gap: 12px;
      min-width: min(440px, 100%);
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
    .group-label {
      margin: 0;
      font: var(--mat-sys-label-large);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
  `,
})
export class ReportDialog {
  protected readonly data = inject<ReportDialogData>(MAT_DIALOG_DATA);
  protected readonly ref = inject<MatDialogRef<ReportDialog>>(MatDialogRef);
  private readonly api = inject(AnalysisApi);
  private readonly snapshotsApi = inject(SnapshotsApi);
  private readonly notify = inject(Notify);
  private readonly i18n = inject(I18n);

  protected readonly formats: readonly ReportFormat[] = ['docx', 'odt', 'md'];
  protected readonly orders: readonly ReportOrder[] = ['codebook', 'name', 'quotes'];
  protected readonly format = signal<ReportFormat>('docx');
  protected readonly codeIds = signal<string[]>([]);
  protected readonly order = signal<ReportOrder>('codebook');
  protected readonly coder = signal(this.data.coder);
  protected readonly snapshotId = signal('');
  protected readonly definitions = signal(true);
  protected readonly memos = signal(false);
  protected readonly snapshots = signal<SnapshotSummary[]>([]);
  protected readonly busy = signal(false);

  protected readonly labels = computed(() => codeLabels(this.data.codes));
  protected readonly sortedCodes = computed(() =>
    [...this.data.codes].sort((a, b) => this.labels().get(a.id)!.localeCompare(this.labels().get(b.id)!)),
  );

  constructor() {
    this.snapshotsApi.list(this.data.projectId).then(
      (list) => this.snapshots.set(list),
      // Without the list the report is still there for "now".
      () => this.snapshots.set([]),
    );
  }

  protected snapshotLabel(snapshot: SnapshotSummary): string {
    return `${snapshot.name} (${this.i18n.formatDateTime(snapshot.createdAt)})`;
  }

  protected async download(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      const coders = this.data.coders.find((c) => c.key === this.coder())?.params ?? {};
      await this.api.downloadReport(
        this.data.projectId,
        this.format(),
        {
          codeIds: this.codeIds(),
          order: this.order(),
          definitions: this.definitions(),
          memos: this.memos(),
          snapshotId: this.snapshotId() || undefined,
        },
        this.i18n.lang(),
        coders,
      );
      this.ref.close(true);
    } catch (err) {
      this.notify.error('analysis.export.failed', err);
    } finally {
      this.busy.set(false);
    }
  }
}
