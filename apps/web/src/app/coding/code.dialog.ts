import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { CODE_COLORS, type Code, pickCodeColor, SHORTCUT_KEYS } from '@tolk/contracts';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { CodingStore } from './coding.store';

export interface CodeDialogData {
  /** Edit this code; without it a new one is created. */
  code?: Code;
  /** New code: where it goes (null: top level). */
  parent?: Code | null;
  /** New code: a name typed elsewhere. */
  name?: string;
}

const NAME_MAX = 200;
const DESCRIPTION_MAX = 2000;

/** Create a code, or rename, recolour and describe one (with when to use it and when not to). */
@Component({
  selector: 'tolk-code-dialog',
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
    <h2 mat-dialog-title>
      @if (data.code) {
        {{ t('codes.edit.title', { name: data.code.name }) }}
      } @else if (data.parent) {
        {{ t('codes.new.subTitle', { name: data.parent.name }) }}
      } @else {
        {{ t('codes.new.title') }}
      }
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form-stack">
        <mat-form-field appearance="outline">
          <mat-label>{{ t('field.name') }}</mat-label>
          <input matInput formControlName="name" cdkFocusInitial autocomplete="off" [maxlength]="nameMax" />
          @if (form.controls.name.hasError('required')) {
            <mat-error>{{ t('validation.nameRequired') }}</mat-error>
          }
        </mat-form-field>
        <fieldset class="colors">
          <legend>{{ t('codes.color') }}</legend>
          <div class="swatches" role="radiogroup" [attr.aria-label]="t('codes.color')">
            @for (color of colors; track color; let i = $index) {
              <label class="swatch" [style.--swatch]="color">
                <input type="radio" name="color" [value]="color" formControlName="color" />
                <span class="visually-hidden">{{ t('codes.colorN', { n: i + 1 }) }}</span>
              </label>
            }
          </div>
        </fieldset>
        <mat-form-field appearance="outline">
          <mat-label>{{ t('field.description') }}</mat-label>
          <textarea matInput formControlName="description" rows="3" [maxlength]="descriptionMax"></textarea>
          <mat-hint>{{ t('codes.descriptionHint') }}</mat-hint>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ t('codes.whenToUse') }}</mat-label>
          <textarea matInput formControlName="whenToUse" rows="2" [maxlength]="descriptionMax"></textarea>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ t('codes.whenNotToUse') }}</mat-label>
          <textarea matInput formControlName="whenNotToUse" rows="2" [maxlength]="descriptionMax"></textarea>
        </mat-form-field>
        @if (data.code) {
          <mat-form-field appearance="outline">
            <mat-label>{{ t('codes.shortcut') }}</mat-label>
            <select matNativeControl formControlName="shortcut" data-testid="code-shortcut">
              <option value="">{{ t('codes.shortcutNone') }}</option>
              @for (key of keys(); track key.key) {
                <option [value]="key.key" [disabled]="!!key.holder">
                  {{ key.holder ? t('codes.shortcutTaken', { key: key.key, name: key.holder }) : key.key }}
                </option>
              }
            </select>
            <mat-hint>{{ t('codes.shortcutHint') }}</mat-hint>
          </mat-form-field>
        }
        @if (error(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ t('action.cancel') }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ t(data.code ? 'action.save' : 'action.create') }}
        </button>
      </mat-dialog-actions>
    </form>
  </ng-container> `,
  styles: `
    .colors {
      border: 0;
      margin: 0 0 1rem;
      padding: 0;
    }
    legend {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 0.5rem;
    }
    .swatches {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .swatch {
      position: relative;
      width: 1.75rem;
      height: 1.75rem;
      border-radius: 50%;
      background: var(--swatch);
      cursor: pointer;
      input {
        position: absolute;
        inset: 0;
        margin: 0;
        opacity: 0;
        cursor: pointer;
      }
      &:has(input:checked) {
        box-shadow:
          0 0 0 2px var(--mat-sys-surface),
          0 0 0 4px var(--swatch);
      }
      &:has(input:focus-visible) {
        outline: 3px solid var(--mat-sys-primary);
        outline-offset: 4px;
      }
    }
  `,
})
export class CodeDialog {
  protected readonly data = inject<CodeDialogData>(MAT_DIALOG_DATA);
  private readonly i18n = inject(I18n);
  private readonly store = inject(CodingStore);
  private readonly ref = inject<MatDialogRef<CodeDialog, Code>>(MatDialogRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly nameMax = NAME_MAX;
  protected readonly descriptionMax = DESCRIPTION_MAX;
  protected readonly colors: readonly string[] = withOwn(this.data.code?.color);
  protected readonly form = this.fb.group({
    name: [this.data.code?.name ?? this.data.name ?? '', [Validators.required, Validators.maxLength(NAME_MAX)]],
    color: [this.data.code?.color ?? this.nextColor()],
    description: [this.data.code?.description ?? '', [Validators.maxLength(DESCRIPTION_MAX)]],
    whenToUse: [this.data.code?.whenToUse ?? '', [Validators.maxLength(DESCRIPTION_MAX)]],
    whenNotToUse: [this.data.code?.whenNotToUse ?? '', [Validators.maxLength(DESCRIPTION_MAX)]],
    shortcut: [this.data.code?.shortcut ?? ''],
  });
  /** Every key, with the other code that has it (those cannot be chosen: the server would refuse). */
  protected readonly keys = computed(() => {
    const holders = new Map(
      this.store
        .codes()
        .filter((c) => c.shortcut && c.id !== this.data.code?.id)
        .map((c) => [c.shortcut, c.name]),
    );
    return SHORTCUT_KEYS.map((key) => ({ key, holder: holders.get(key) ?? null }));
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    const name = this.form.controls.name.value.trim();
    if (!name) this.form.controls.name.setValue('');
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { color, description, shortcut, whenToUse, whenNotToUse } = this.form.getRawValue();
    const definition = { whenToUse: whenToUse.trim(), whenNotToUse: whenNotToUse.trim() };
    this.busy.set(true);
    this.error.set(null);
    try {
      const code = this.data.code
        ? await this.store.updateCode(this.data.code, {
            name,
            color,
            description: description.trim(),
            ...definition,
            // Sent only when changed: an untouched key is never a conflict.
            ...(shortcut !== (this.data.code.shortcut ?? '') ? { shortcut: shortcut || null } : {}),
          })
        : await this.store.createCode(
            name,
            this.data.parent?.id ?? null,
            color,
            description.trim() || undefined,
            definition,
          );
      if (code) this.ref.close(code);
    } catch (err) {
      this.error.set(this.i18n.explain(err));
    } finally {
      this.busy.set(false);
    }
  }

  /** The colour the server would give: one no other code of the project has, while the palette lasts. */
  private nextColor(): string {
    return pickCodeColor(this.store.codes().map((c) => c.color));
  }
}

/** The palette, plus a code's own colour when it is not one of them. */
function withOwn(color: string | undefined): readonly string[] {
  const palette: readonly string[] = CODE_COLORS;
  return color && !palette.includes(color.toLowerCase()) ? [...palette, color] : palette;
}
