import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { Memo } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { MemoEditor } from '../memos/memo-editor';
import { CommentsApi, type MemoTarget } from './comments.api';
import { loadState } from '../shared/load-state';

export interface MemoDialogData {
  target: MemoTarget;
  /** What the memo is about: the project's or code's name, the document's title, a segment's words. */
  name: string;
  canWrite: boolean;
}

/**
 * A memo, the researchers' running notes on the project, a document, a code
 * or a segment: a live document that everyone but viewers writes in at the
 * same time (every keystroke is stored; there is nothing to save).
 */
@Component({
  selector: 'tolk-memo-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MemoEditor, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <h2 mat-dialog-title>{{ t(titleKey(), { name: data.name }) }}</h2>
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
          @if (memo(); as m) {
            <tolk-memo-editor
              [memoId]="m.id"
              [readOnly]="!data.canWrite"
              [label]="t(titleKey(), { name: data.name })"
            />
            <p class="muted last">
              @if (m.updatedAt; as at) {
                {{
                  t('memo.lastChanged', {
                    name: m.updatedBy?.name ?? t('coding.someone'),
                    when: i18n.formatDateTime(at),
                  })
                }}
              } @else {
                {{ t('memo.never') }}
              }
            </p>
          }
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>{{ t('action.close') }}</button>
    </mat-dialog-actions>
  </ng-container> `,
  styles: `
    .last {
      margin: 0.5rem 0 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class MemoDialog {
  protected readonly data = inject<MemoDialogData>(MAT_DIALOG_DATA);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(CommentsApi);

  protected readonly state = loadState();
  protected readonly memo = signal<Memo | null>(null);

  constructor() {
    void this.load();
  }

  protected titleKey(): 'memo.projectTitle' | 'memo.codeTitle' | 'memo.documentTitle' | 'memo.segmentTitle' {
    const scope = this.memo()?.scope ?? this.data.target.kind;
    return scope === 'project'
      ? 'memo.projectTitle'
      : scope === 'code'
        ? 'memo.codeTitle'
        : scope === 'segment' || scope === 'memo'
          ? 'memo.segmentTitle'
          : 'memo.documentTitle';
  }

  protected async load(): Promise<void> {
    await this.state.load(
      () => this.api.memo(this.data.target),
      (memo) => this.memo.set(memo),
    );
  }
}
