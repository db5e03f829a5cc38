import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import {
  MAX_DOCUMENT_BYTES,
  type DocumentAttributes,
  type DocumentSummary,
  type ImportedDocumentSummary,
} from '@tolk/contracts';
import { errorStatus } from '../core/http/api-error';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Icon } from '../shared/ui/icon';
import { type AttributeRow, AttributeRows, collectAttributes } from './attribute-rows';
import { DocumentsApi } from './documents.api';

export interface AddDocumentData {
  projectId: string;
  /** Called for each imported file as soon as the server has it (the dialog stays open for the summary). */
  imported?: (document: DocumentSummary) => void;
}

type Source = 'paste' | 'file';

/** File types the server can turn into plain transcript text. */
export const ACCEPTED_FILES = '.txt,.docx,.vtt,.srt,text/plain';
/** As shown to people. */
export const ACCEPTED_EXTENSIONS = ['.txt', '.docx', '.vtt', '.srt'] as const;
const MAX_MEGABYTES = MAX_DOCUMENT_BYTES / (1024 * 1024);
// The api's limits, checked here first for a quicker answer.
const TITLE_MAX = 300;
/** The server allows a byte-order mark on top of the text limit. */
const MAX_UPLOAD_BYTES = MAX_DOCUMENT_BYTES + 3;

/** One chosen file on its way through the import. */
interface ImportItem {
  key: number;
  file: File;
  status: 'waiting' | 'uploading' | 'done' | 'failed';
  /** 0–100 while uploading. */
  progress: number;
  result?: ImportedDocumentSummary;
  error?: TranslationKey;
  details?: string[];
}

/**
 * Add transcripts to a project: paste text, or import files (.txt, .docx,
 * .vtt, .srt) by dropping or choosing them. Each file is uploaded on its own,
 * with its progress, and the dialog then shows what the server made of each:
 * the title, the length and the speakers it recognised, or why it refused
 * the file. One refused file does not stop the others.
 */
@Component({
  selector: 'tolk-add-document-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatDialogModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    AttributeRows,
    Icon,
    TranslocoDirective,
  ],
  templateUrl: './add-document.dialog.html',
  styleUrl: './add-document.dialog.scss',
})
export class AddDocumentDialog {
  private readonly api = inject(DocumentsApi);
  private readonly i18n = inject(I18n);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly data = inject<AddDocumentData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<AddDocumentDialog, DocumentSummary>>(MatDialogRef);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  /** The summary's heading: focus goes there when an import ends (its Import button is gone). */
  private readonly summaryHeading = viewChild<ElementRef<HTMLElement>>('summaryHeading');

  protected readonly maxMegabytes = MAX_MEGABYTES;
  protected readonly accepted = ACCEPTED_FILES;
  protected readonly extensions = ACCEPTED_EXTENSIONS.join(', ');
  protected readonly source = signal<Source>('paste');
  protected readonly items = signal<ImportItem[]>([]);
  protected readonly fileError = signal<TranslationKey | null>(null);
  protected readonly dragging = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly details = signal<string[]>([]);
  protected readonly duplicateKey = signal<string | null>(null);
  /** What a screen reader hears after files are chosen or an import ends. */
  protected readonly announcement = signal('');

  protected readonly waiting = computed(() => this.items().filter((i) => i.status === 'waiting'));
  /** Every chosen file has an answer: the dialog shows the summary. */
  protected readonly finished = computed(
    () => this.items().length > 0 && this.items().every((i) => i.status === 'done' || i.status === 'failed'),
  );
  protected readonly doneCount = computed(() => this.items().filter((i) => i.status === 'done').length);
  protected readonly failedCount = computed(() => this.items().filter((i) => i.status === 'failed').length);

  protected readonly form = this.fb.group({
    title: ['', [Validators.required, Validators.maxLength(TITLE_MAX)]],
    text: ['', [Validators.required, maxBytes(MAX_DOCUMENT_BYTES)]],
    attributes: this.fb.array<AttributeRow>([]),
  });
  private nextKey = 0;

  protected get rows() {
    return this.form.controls.attributes;
  }

  /**
   * Validators live here, not as template attributes: a control keeps the
   * status an attribute gave it after the field leaves the page, which would
   * block an upload with a stale "text required".
   */
  protected setSource(source: Source): void {
    this.source.set(source);
    this.error.set(null);
    this.fileError.set(null);
    const { title, text } = this.form.controls;
    if (source === 'paste') {
      title.setValidators([Validators.required, Validators.maxLength(TITLE_MAX)]);
      text.setValidators([Validators.required, maxBytes(MAX_DOCUMENT_BYTES)]);
    } else {
      title.setValidators([Validators.maxLength(TITLE_MAX)]);
      text.clearValidators();
    }
    title.updateValueAndValidity();
    text.updateValueAndValidity();
  }

  protected pickFiles(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.addFiles(Array.from(input.files ?? []));
    // The same file may be chosen again after it was removed.
    input.value = '';
  }

  protected dragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dragging.set(true);
  }

  protected drop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.addFiles(Array.from(event.dataTransfer?.files ?? []));
  }

  protected removeItem(item: ImportItem): void {
    this.items.update((list) => list.filter((i) => i.key !== item.key));
    this.announce();
  }

  /** After a summary: clear it and choose more files, keeping the attributes. */
  protected importMore(): void {
    this.items.set([]);
    this.form.controls.title.setValue('');
    this.announcement.set('');
  }

  /**
   * A title in the summary opens its transcript: the dialog closes first
   * (it would otherwise stay on top of the transcript), then the page
   * changes and takes focus. A click with a modifier key (a new tab) leaves
   * the dialog open.
   */
  protected openDocument(event: MouseEvent, documentId: string): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.ref.afterClosed().subscribe(() => void this.router.navigate(['/documents', documentId]));
    this.ref.close();
  }

  protected close(): void {
    this.ref.close();
  }

  protected speakerLine(result: ImportedDocumentSummary): string {
    return (result.speakers ?? [])
      .map(({ name, turns }) =>
        this.i18n.t(turns === 1 ? 'documents.import.speakerTurn' : 'documents.import.speakerTurns', {
          name,
          count: turns,
        }),
      )
      .join(', ');
  }

  protected size(file: File): string {
    const kb = file.size / 1024;
    return kb < 1024
      ? this.i18n.t('documents.import.kilobytes', { size: Math.max(1, Math.round(kb)) })
      : this.i18n.t('documents.import.megabytes', { size: Math.round((kb / 1024) * 10) / 10 });
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.error.set(null);
    this.details.set([]);
    if (this.source() === 'file') return this.importFiles();

    const title = this.form.controls.title.value.trim();
    if (!this.check(title)) return;
    const attributes = this.collectAttributes();
    if (!attributes) return;
    this.busy.set(true);
    try {
      const created = await this.api.create(this.data.projectId, {
        title,
        text: this.form.controls.text.value,
        ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
      });
      this.ref.close(created);
    } catch (err) {
      this.error.set(errorKey(errorStatus(err)));
      this.details.set(this.why(err));
    } finally {
      this.busy.set(false);
    }
  }

  private addFiles(files: File[]): void {
    if (files.length === 0) return;
    this.fileError.set(null);
    // Files chosen after a summary start a new import.
    if (this.finished()) this.items.set([]);
    const added = files.map((file): ImportItem => {
      const item: ImportItem = { key: this.nextKey++, file, status: 'waiting', progress: 0 };
      // Refused here already, without sending 2 MB for nothing.
      return file.size > MAX_UPLOAD_BYTES ? { ...item, status: 'failed', error: 'documents.add.tooLarge' } : item;
    });
    this.items.update((list) => [...list, ...added]);
    this.announce();
  }

  private announce(): void {
    const names = this.items().map((i) => i.file.name);
    this.announcement.set(
      names.length === 0
        ? this.i18n.t('documents.add.noFile')
        : this.i18n.t(names.length === 1 ? 'documents.import.chosenOne' : 'documents.import.chosenMany', {
            count: names.length,
            names: names.join(', '),
          }),
    );
  }

  private async importFiles(): Promise<void> {
    const titleControl = this.form.controls.title;
    this.form.markAllAsTouched();
    if (this.items().length === 0) {
      this.fileError.set('documents.add.fileRequired');
      return;
    }
    if (titleControl.invalid || this.rows.invalid) return;
    const attributes = this.collectAttributes();
    if (!attributes) return;
    // A title only makes sense for a single file; several keep their file names.
    const title = this.items().length === 1 ? titleControl.value.trim() || undefined : undefined;

    this.busy.set(true);
    this.ref.disableClose = true;
    try {
      // One after another: each gets its own progress, and a refusal stays with its file.
      for (const item of this.waiting()) {
        this.patch(item, { status: 'uploading', progress: 0 });
        try {
          const result = await this.api.upload(this.data.projectId, item.file, {
            title,
            attributes,
            onProgress: (fraction) => this.patch(item, { progress: Math.round(fraction * 100) }),
          });
          this.patch(item, { status: 'done', progress: 100, result });
          this.data.imported?.(summaryOf(result));
        } catch (err) {
          this.patch(item, {
            status: 'failed',
            error: errorKey(errorStatus(err)),
            details: this.why(err),
          });
        }
      }
    } finally {
      this.busy.set(false);
      this.ref.disableClose = false;
    }
    this.announcement.set(
      this.i18n.t('documents.import.result', { done: this.doneCount(), failed: this.failedCount() }),
    );
    // The button that had focus is gone with the form: keep a keyboard user in the dialog, at the summary.
    afterNextRender(() => this.summaryHeading()?.nativeElement.focus(), { injector: this.injector });
  }

  private patch(item: ImportItem, change: Partial<ImportItem>): void {
    this.items.update((list) => list.map((i) => (i.key === item.key ? { ...i, ...change } : i)));
  }

  /** Client-side checks for pasted text, with messages placed on the fields they concern. */
  private check(title: string): boolean {
    const { title: titleControl, text } = this.form.controls;
    // A title or text of only spaces counts as empty.
    if (!title) titleControl.setValue('');
    if (!text.value.trim()) text.setValue('');
    this.form.markAllAsTouched();
    return this.form.valid;
  }

  /** The attribute map, or null (and the duplicate named) when a name is given twice. */
  private collectAttributes(): DocumentAttributes | null {
    const collected = collectAttributes(this.rows);
    this.duplicateKey.set('duplicate' in collected ? collected.duplicate : null);
    return 'attributes' in collected ? collected.attributes : null;
  }

  /** The lines under "The server did not accept the document:": its reason, translated, or a generic one. */
  private why(err: unknown): string[] {
    const lines = this.i18n.reasonLines(err);
    return lines.length > 0 || errorStatus(err) !== 400 ? lines : [this.i18n.explain(err)];
  }
}

/** The server's limit is on UTF-8 bytes, not characters (æøå take two). */
function maxBytes(limit: number): ValidatorFn {
  const encoder = new TextEncoder();
  return (control: AbstractControl<string>) =>
    encoder.encode(control.value ?? '').length > limit ? { tooLarge: true } : null;
}

function summaryOf(result: ImportedDocumentSummary): DocumentSummary {
  return { id: result.id, title: result.title, length: result.length, attributes: result.attributes };
}

function errorKey(status: number): TranslationKey {
  switch (status) {
    case 400:
      return 'documents.add.invalid';
    case 403:
      return 'error.forbidden';
    case 413:
      return 'documents.add.tooLarge';
    case 415:
      return 'documents.add.unsupported';
    case 0:
      return 'error.network';
    default:
      return 'documents.add.failed';
  }
}
