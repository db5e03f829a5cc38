import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import type { TranslationKey } from '../../core/i18n/i18n.service';
import type { TranslationParams } from '../../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';

export interface ConfirmData {
  title: TranslationKey;
  message: TranslationKey;
  confirm: TranslationKey;
  params?: TranslationParams;
  /** Destructive actions get the error colour, so they are not clicked by habit. */
  destructive?: boolean;
}

/**
 * Asks before anything that cannot be undone. Texts are keys so the dialog
 * follows the language like the rest of the page.
 */
@Component({
  selector: 'tolk-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <h2 mat-dialog-title>{{ t(data.title, data.params) }}</h2>
    <mat-dialog-content>
      <p>{{ t(data.message, data.params) }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>
        {{ t('action.cancel') }}
      </button>
      <button mat-flat-button type="button" [class.destructive]="data.destructive" [mat-dialog-close]="true">
        {{ t(data.confirm, data.params) }}
      </button>
    </mat-dialog-actions>
  </ng-container> `,
  styles: `
    p {
      margin: 0;
      max-width: 48ch;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
}

/** Opens the dialog and resolves to true only on an explicit yes. */
export async function confirm(dialog: MatDialog, data: ConfirmData): Promise<boolean> {
  const ref = dialog.open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
    data,
    autoFocus: 'first-tabbable',
    role: 'alertdialog',
  });
  return (await firstValueFrom(ref.afterClosed())) === true;
}
