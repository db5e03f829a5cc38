import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Memo } from '@tolk/contracts';
import { I18n } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { Notify } from '../core/notify.service';
import { CommentsApi, type MemoTarget } from './comments.api';

export interface MemoDialogData {
  target: MemoTarget;
  /** What the memo is about: the document's title, the code's name. */
  name: string;
  canWrite: boolean;
}

/** A memo, the researcher's running notes on a document or a code. Viewers read it. */
@Component({
  selector: 'tolk-memo-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <h2 mat-dialog-title>
      {{ t(data.target.kind === 'code' ? 'memo.codeTitle' : 'memo.documentTitle', { name: data.name }) }}
    </h2>
    <mat-dialog-content>
      @switch (state()) {
        @case ('loading') {
          <p class="muted" aria-busy="true">{{ t('common.loading') }}</p>
        }
        @case ('failed') {
          <p class="form-error" role="alert">
            {{ t('memo.loadFailed') }}
            <button mat-button type="button" (click)="load()">{{ t('action.retry') }}</button>
          </p>
        }
        @default {
          <mat-form-field appearance="outline" class="field">
            <mat-label>{{ t('memo.label') }}</mat-label>
            <textarea
              matInput
              rows="10"
              cdkFocusInitial
              [readonly]="!data.canWrite"
              [value]="body()"
              (input)="body.set($any($event.target).value)"
            ></textarea>
            @if (!data.canWrite) {
              <mat-hint>{{ t('memo.readOnly') }}</mat-hint>
            }
          </mat-form-field>
          <p class="muted last">
            @if (memo()?.updatedAt; as at) {
              {{
                t('memo.lastChanged', {
                  name: memo()?.updatedBy?.name ?? t('coding.someone'),
                  when: i18n.formatDateTime(at),
                })
              }}
            } @else {
              {{ t('memo.never') }}
            }
          </p>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>
        {{ t(data.canWrite ? 'action.cancel' : 'action.close') }}
      </button>
      @if (data.canWrite) {
        <button mat-flat-button type="button" [disabled]="state() !== 'ready' || busy()" (click)="save()">
          {{ t('action.save') }}
        </button>
      }
    </mat-dialog-actions>
  </ng-container> `,
  styles: `
    .field {
      width: 100%;
    }
    textarea {
      font-family: var(--tolk-reading-font);
      line-height: 1.55;
    }
    .last {
      margin: 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class MemoDialog {
  protected readonly data = inject<MemoDialogData>(MAT_DIALOG_DATA);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(CommentsApi);
  private readonly notify = inject(Notify);
  private readonly ref = inject<MatDialogRef<MemoDialog, Memo>>(MatDialogRef);

  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly memo = signal<Memo | null>(null);
  protected readonly body = signal('');
  protected readonly busy = signal(false);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      const memo = await this.api.memo(this.data.target);
      this.memo.set(memo);
      this.body.set(memo.body);
      this.state.set('ready');
    } catch {
      this.state.set('failed');
    }
  }

  protected async save(): Promise<void> {
    this.busy.set(true);
    try {
      const memo = await this.api.saveMemo(this.data.target, this.body());
      this.notify.info('memo.saved');
      this.ref.close(memo);
    } catch (err) {
      this.notify.error('memo.saveFailed', err);
    } finally {
      this.busy.set(false);
    }
  }
}
