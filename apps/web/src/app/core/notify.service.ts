import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { I18n, type TranslationKey, type TranslationParams } from './i18n/i18n.service';

/** Short, non-blocking messages after an action, in the current language. */
@Injectable({ providedIn: 'root' })
export class Notify {
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);

  info(key: TranslationKey, params?: TranslationParams): void {
    this.snackBar.open(this.i18n.t(key, params), this.i18n.t('action.close'));
  }

  /** A message with one action (e.g. "Show"), kept a little longer. */
  withAction(key: TranslationKey, action: TranslationKey, run: () => void, params?: TranslationParams): void {
    const ref = this.snackBar.open(this.i18n.t(key, params), this.i18n.t(action), { duration: 10_000 });
    ref.onAction().subscribe(() => run());
  }

  /** A message with an "Undo" action that calls `undo`. */
  undoable(key: TranslationKey, undo: () => void, params?: TranslationParams): void {
    const ref = this.snackBar.open(this.i18n.t(key, params), this.i18n.t('action.undo'), { duration: 8_000 });
    ref.onAction().subscribe(() => undo());
  }

  /** "Could not …" in the user's language, followed by why (the server's reason, translated). */
  error(key: TranslationKey, err: unknown, params?: TranslationParams): void {
    const text = `${this.i18n.t(key, params)} ${this.i18n.explain(err)}`.trim();
    this.snackBar.open(text, this.i18n.t('action.close'), { duration: 10_000 });
  }
}
