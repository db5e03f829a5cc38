import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { DocumentSummary } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { DocumentsApi } from './documents.api';

const REASON_MAX = 500;

/**
 * Consent withdrawn: the owner erases a transcript from everywhere, every
 * snapshot included (which then shows a tombstone with the reason). The
 * dialog names the transcript and asks why; it closes with true once erased.
 */
@Component({
  selector: 'tolk-erase-document-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoDirective,
  ],
  template: `<ng-container *transloco="let t">
    <h2 mat-dialog-title>{{ t('documents.erase.title', { title: document.title }) }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form-stack">
        <p class="message">{{ t('documents.erase.message', { title: document.title }) }}</p>
        @if (failed()) {
          <div class="form-error" role="alert">{{ t('documents.erase.failed') }}</div>
        }
        <mat-form-field>
          <mat-label>{{ t('documents.erase.reason') }}</mat-label>
          <input matInput formControlName="reason" required cdkFocusInitial />
          @if (form.controls.reason.hasError('required')) {
            <mat-error>{{ t('documents.erase.reasonRequired') }}</mat-error>
          } @else if (form.controls.reason.hasError('maxlength')) {
            <mat-error>{{ t('validation.tooLong', { max: 500 }) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="false">{{ t('action.cancel') }}</button>
        <button mat-flat-button type="submit" class="destructive" [disabled]="busy()">
          {{ t('documents.erase.confirm') }}
        </button>
      </mat-dialog-actions>
    </form>
  </ng-container>`,
  styles: `
    .message {
      margin: 0 0 1rem;
      max-width: 52ch;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class EraseDocumentDialog {
  private readonly api = inject(DocumentsApi);
  private readonly i18n = inject(I18n);
  protected readonly document = inject<DocumentSummary>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<EraseDocumentDialog, boolean>>(MatDialogRef);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: [
      this.i18n.t('documents.erase.defaultReason'),
      [(control: AbstractControl) => Validators.required(control), Validators.maxLength(REASON_MAX)],
    ],
  });
  protected readonly busy = signal(false);
  protected readonly failed = signal(false);

  protected async submit(): Promise<void> {
    const control = this.form.controls.reason;
    if (!control.value.trim()) control.setValue('');
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    this.failed.set(false);
    try {
      await this.api.erase(this.document.id, control.value.trim());
      this.ref.close(true);
    } catch {
      this.failed.set(true);
    } finally {
      this.busy.set(false);
    }
  }
}
