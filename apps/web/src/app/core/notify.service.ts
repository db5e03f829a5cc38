import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { errorStatus, serverMessages } from './http/api-error';
import type { TranslationKey } from './i18n/en';
import { I18n, type TranslationParams } from './i18n/i18n.service';

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

  /**
   * "Could not …" in the user's language, followed by the server's own reason
   * when it gave one (e.g. why the last owner cannot leave).
   */
  error(key: TranslationKey, err: unknown, params?: TranslationParams): void {
    const reason = serverMessages(err).join(' ') || this.fallbackReason(err);
    const text = `${this.i18n.t(key, params)} ${reason}`.trim();
    this.snackBar.open(text, this.i18n.t('action.close'), { duration: 10_000 });
  }

  private fallbackReason(err: unknown): string {
    const status = errorStatus(err);
    if (status === 0) return this.i18n.t('error.network');
    if (status === 403) return this.i18n.t('error.forbidden');
    if (status === 404) return this.i18n.t('error.notFound');
    return '';
  }
}
