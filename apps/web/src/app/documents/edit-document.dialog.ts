import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { DocumentAttributes, DocumentSummary } from '@tolk/contracts';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { AttributeRows, attributeRow, collectAttributes } from './attribute-rows';
import { DocumentsApi } from './documents.api';

// The api's limits, checked here first for a quicker answer.
const TITLE_MAX = 300;

/**
 * Rename a transcript and edit its attributes (the case variables that
 * analysis cross-tabulates, such as `utdanning`). The text itself is edited
 * in the document view.
 */
@Component({
  selector: 'tolk-edit-document-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    AttributeRows,
    TranslocoDirective,
  ],
  templateUrl: './edit-document.dialog.html',
  styleUrl: './edit-document.dialog.scss',
})
export class EditDocumentDialog {
  private readonly i18n = inject(I18n);
  private readonly api = inject(DocumentsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly document = inject<DocumentSummary>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<EditDocumentDialog, DocumentSummary>>(MatDialogRef);

  protected readonly form = this.fb.group({
    title: [this.document.title, [Validators.required, Validators.maxLength(TITLE_MAX)]],
    attributes: this.fb.array(Object.entries(this.document.attributes).map(([key, value]) => attributeRow(key, value))),
    consentReference: ['', [Validators.maxLength(200)]],
    consentDate: [''],
  });
  /** The consent as stored, to save it only when it changed. */
  private storedConsent = { reference: '', consentDate: '' };

  constructor() {
    // The consent record is the owner's and text editors' to keep; a reader of the dialog may see none.
    this.api.consent(this.document.id).then(
      (consent) => {
        this.storedConsent = { reference: consent.reference ?? '', consentDate: consent.consentDate ?? '' };
        this.form.patchValue({
          consentReference: this.storedConsent.reference,
          consentDate: this.storedConsent.consentDate,
        });
      },
      () => undefined,
    );
  }
  protected readonly busy = signal(false);
  protected readonly failed = signal(false);
  protected readonly details = signal<string[]>([]);
  protected readonly duplicateKey = signal<string | null>(null);

  protected get rows() {
    return this.form.controls.attributes;
  }

  protected async submit(): Promise<void> {
    // Only spaces counts as empty.
    const titleControl = this.form.controls.title;
    if (!titleControl.value.trim()) titleControl.setValue('');
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const attributes = this.collectAttributes();
    if (!attributes) return;

    this.busy.set(true);
    this.failed.set(false);
    try {
      const title = this.form.controls.title.value.trim();
      const saved = await this.api.update(this.document.id, { title, attributes });
      await this.saveConsent();
      // Fall back to what we sent if the server answers without a body (the types cannot say so).
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      this.ref.close({ ...this.document, ...(saved ?? { title, attributes }) });
    } catch (err) {
      this.failed.set(true);
      this.details.set(this.i18n.reasonLines(err));
    } finally {
      this.busy.set(false);
    }
  }

  /** Stores the consent reference and date when they changed (a reference is needed to store a date). */
  private async saveConsent(): Promise<void> {
    const reference = this.form.controls.consentReference.value.trim();
    const consentDate = this.form.controls.consentDate.value;
    if (!reference) return;
    if (reference === this.storedConsent.reference && consentDate === this.storedConsent.consentDate) return;
    await this.api.setConsent(this.document.id, { reference, consentDate: consentDate || null });
  }

  /** The attribute map, or null (and the duplicate named) when a name is given twice. */
  private collectAttributes(): DocumentAttributes | null {
    const collected = collectAttributes(this.rows);
    this.duplicateKey.set('duplicate' in collected ? collected.duplicate : null);
    return 'attributes' in collected ? collected.attributes : null;
  }
}
