import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { DocumentAttributes } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { Icon } from '../shared/ui/icon';

// The api's limits, checked here first for a quicker answer.
const ATTRIBUTE_NAME_MAX = 64;
const ATTRIBUTE_VALUE_MAX = 500;

export type AttributeRow = FormGroup<{ key: FormControl<string>; value: FormControl<string> }>;

/** One key/value row, with the api's limits as validators. */
export function attributeRow(key = '', value = ''): AttributeRow {
  return new FormGroup({
    key: new FormControl(key, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(ATTRIBUTE_NAME_MAX)],
    }),
    value: new FormControl(value, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(ATTRIBUTE_VALUE_MAX)],
    }),
  });
}

/**
 * The rows as the api's attribute map (trimmed), or the first name given
 * twice. The whole set is sent, so a removed row removes that attribute.
 */
export function collectAttributes(
  rows: FormArray<AttributeRow>,
): { attributes: DocumentAttributes } | { duplicate: string } {
  const attributes: DocumentAttributes = {};
  for (const { key, value } of rows.getRawValue()) {
    const name = key.trim();
    if (name in attributes) return { duplicate: name };
    attributes[name] = value.trim();
  }
  return { attributes };
}

/**
 * Editable key/value rows for a document's attributes (the case variables
 * analysis cross-tabulates, such as `utdanning`), shared by the import and
 * edit dialogs. The dialog owns the FormArray and its fieldset and legend.
 */
@Component({
  selector: 'tolk-attribute-rows',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, Icon, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    @for (row of rows().controls; track row; let i = $index) {
      <div class="attr-row" [formGroup]="row">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ t('field.attributeName') }}</mat-label>
          <input matInput formControlName="key" required />
          @if (row.controls.key.hasError('required')) {
            <mat-error>{{ t('validation.required') }}</mat-error>
          } @else if (row.controls.key.hasError('maxlength')) {
            <mat-error>{{ t('validation.tooLong', { max: nameMax }) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ t('field.attributeValue') }}</mat-label>
          <input matInput formControlName="value" required />
          @if (row.controls.value.hasError('required')) {
            <mat-error>{{ t('validation.required') }}</mat-error>
          } @else if (row.controls.value.hasError('maxlength')) {
            <mat-error>{{ t('validation.tooLong', { max: valueMax }) }}</mat-error>
          }
        </mat-form-field>
        <button
          mat-icon-button
          type="button"
          class="remove-row"
          [attr.aria-label]="t('documents.edit.removeAttribute', { name: row.controls.key.value || i + 1 })"
          (click)="rows().removeAt(i)"
        >
          <tolk-icon name="delete" />
        </button>
      </div>
    }
    <button mat-stroked-button type="button" (click)="rows().push(newRow())">
      <tolk-icon name="add" />
      {{ t('documents.edit.addAttribute') }}
    </button>
  </ng-container> `,
  styles: `
    :host {
      display: block;
    }
    .attr-row {
      display: grid;
      grid-template-columns: 1fr 1fr auto;
      gap: 0.75rem;
      align-items: start;
      margin-bottom: 0.75rem;
    }
    .remove-row {
      margin-top: 0.5rem;
    }
    @media (max-width: 480px) {
      .attr-row {
        grid-template-columns: 1fr auto;
        mat-form-field:nth-child(2) {
          grid-column: 1;
        }
      }
    }
  `,
})
export class AttributeRows {
  readonly rows = input.required<FormArray<AttributeRow>>();
  protected readonly nameMax = ATTRIBUTE_NAME_MAX;
  protected readonly valueMax = ATTRIBUTE_VALUE_MAX;
  protected readonly newRow = () => attributeRow();
}
