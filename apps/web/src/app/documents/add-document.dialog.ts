import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MAX_DOCUMENT_BYTES, type DocumentSummary } from '@tolk/contracts';
import { errorStatus, serverMessages } from '../core/http/api-error';
import type { TranslationKey } from '../core/i18n/en';
import { TranslatePipe } from '../core/i18n/t.pipe';
import { Icon } from '../shared/ui/icon';
import { DocumentsApi } from './documents.api';

export interface AddDocumentData {
  projectId: string;
}

type Source = 'paste' | 'file';

/** File types the server can turn into plain transcript text. */
export const ACCEPTED_FILES = '.txt,.docx,.vtt,.srt,text/plain';
const MAX_MEGABYTES = MAX_DOCUMENT_BYTES / (1024 * 1024);

@Component({
  selector: 'tolk-add-document-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    Icon,
    TranslatePipe,
  ],
  templateUrl: './add-document.dialog.html',
  styleUrl: './add-document.dialog.scss',
})
export class AddDocumentDialog {
  private readonly api = inject(DocumentsApi);
  private readonly data = inject<AddDocumentData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<AddDocumentDialog, DocumentSummary>>(MatDialogRef);

  protected readonly maxMegabytes = MAX_MEGABYTES;
  protected readonly accepted = ACCEPTED_FILES;
  protected readonly source = signal<Source>('paste');
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<TranslationKey | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly details = signal<string[]>([]);

  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', [Validators.required, Validators.maxLength(300)]],
    text: ['', [Validators.required, maxBytes(MAX_DOCUMENT_BYTES)]],
  });

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
      title.setValidators([Validators.required, Validators.maxLength(300)]);
      text.setValidators([Validators.required, maxBytes(MAX_DOCUMENT_BYTES)]);
    } else {
      title.setValidators([Validators.maxLength(300)]);
      text.clearValidators();
    }
    title.updateValueAndValidity();
    text.updateValueAndValidity();
  }

  protected pickFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.file.set(file);
    this.fileError.set(null);
    if (!file) return;
    if (file.size > MAX_DOCUMENT_BYTES) {
      this.fileError.set('documents.add.tooLarge');
    }
    // Suggest the file name as the title; the user can still change it.
    const title = this.form.controls.title;
    if (!title.value.trim()) title.setValue(file.name.replace(/\.[^.]+$/, ''));
  }

  protected async submit(): Promise<void> {
    this.error.set(null);
    this.details.set([]);
    const title = this.form.controls.title.value.trim();
    if (!this.check(title)) return;

    this.busy.set(true);
    try {
      const file = this.file();
      const created =
        this.source() === 'file' && file
          ? await this.api.upload(this.data.projectId, file, title || undefined)
          : await this.api.create(this.data.projectId, { title, text: this.form.controls.text.value });
      this.ref.close(created);
    } catch (err) {
      this.error.set(addErrorKey(errorStatus(err)));
      this.details.set(serverMessages(err));
    } finally {
      this.busy.set(false);
    }
  }

  /** Client-side checks, with messages placed on the fields they concern. */
  private check(title: string): boolean {
    const { title: titleControl, text } = this.form.controls;
    // A title or text of only spaces counts as empty.
    if (!title) titleControl.setValue('');
    if (this.source() === 'paste' && !text.value.trim()) text.setValue('');
    if (this.source() === 'file' && !this.file()) this.fileError.set('documents.add.fileRequired');
    this.form.markAllAsTouched();
    const fileOk = this.source() === 'paste' || (this.file() !== null && !this.fileError());
    return this.form.valid && fileOk;
  }
}

/** The server's limit is on UTF-8 bytes, not characters (æøå take two). */
function maxBytes(limit: number): ValidatorFn {
  const encoder = new TextEncoder();
  return (control: AbstractControl<string>) =>
    encoder.encode(control.value ?? '').length > limit ? { tooLarge: true } : null;
}

function addErrorKey(status: number): TranslationKey {
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
