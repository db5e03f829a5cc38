import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogConfig } from '@angular/material/dialog';
import type { Memo, MemoHistory, MemoSummary, ProjectSettings } from '@tolk/contracts';
import { may, type ProjectRole } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { MemoDialog, type MemoDialogData } from '../coding/memo.dialog';
import { Icon } from '../shared/ui/icon';
import { MemoEditor } from './memo-editor';
import { MemosApi } from './memos.api';

/**
 * «Notater»: the project memo, written live right here, and every other
 * memo of the project (per transcript, per code, per passage), each opening
 * in a dialog where it is written live too.
 */
@Component({
  selector: 'tolk-memos-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, MatButtonModule, MemoEditor, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <div class="section-header">
      <h2>{{ t('memos.heading') }}</h2>
      <button mat-stroked-button type="button" [disabled]="downloading()" (click)="download()">
        <tolk-icon name="download" />
        {{ t('memos.download') }}
      </button>
    </div>
    <p class="muted">{{ t('memos.lead') }}</p>
    @if (failed()) {
      <p class="form-error" role="alert">
        {{ t('memos.loadFailed') }}
        <button mat-button type="button" (click)="load()">{{ t('action.retry') }}</button>
      </p>
    }
    @if (projectMemo(); as memo) {
      <section class="project-memo" aria-labelledby="project-memo-heading">
        <h3 id="project-memo-heading">{{ t('memos.projectMemo') }}</h3>
        <tolk-memo-editor
          data-test="project-memo"
          [memoId]="memo.id"
          [readOnly]="!canWrite()"
          [label]="t('memos.projectMemoLabel', { name: memo.title })"
        />
        <button
          mat-button
          type="button"
          class="history-toggle"
          aria-controls="project-memo-history"
          [attr.aria-expanded]="history() !== null"
          (click)="toggleHistory(memo.id)"
        >
          {{ t(history() ? 'memos.history.hide' : 'memos.history.show') }}
        </button>
        @if (history(); as h) {
          <div id="project-memo-history" class="history" data-test="memo-history">
            @if (h.authors.length === 0) {
              <p class="muted">{{ t('memos.history.empty') }}</p>
            } @else {
              <ul [attr.aria-label]="t('memos.history.label')">
                @for (run of h.authors; track $index) {
                  <li>
                    <span class="author">{{ run.name ?? t('memos.history.unknown') }}</span>
                    <span class="run">{{ run.text }}</span>
                  </li>
                }
              </ul>
            }
          </div>
        }
      </section>
    }
    <section aria-labelledby="other-memos-heading">
      <h3 id="other-memos-heading">{{ t('memos.others') }}</h3>
      @if (others().length === 0) {
        <p class="muted">{{ t('memos.none') }}</p>
      } @else {
        <ul class="memo-list">
          @for (memo of others(); track memo.id) {
            <li>
              <span class="scope">{{ t('memos.scope.' + memo.scope) }}</span>
              <button
                mat-button
                type="button"
                [attr.aria-label]="t('memos.open', { title: memo.title })"
                (click)="open(memo)"
              >
                {{ memo.title }}
              </button>
              <span class="muted changed">
                @if (memo.updatedAt; as at) {
                  {{
                    t('memos.changed', {
                      name: memo.updatedBy?.name ?? t('coding.someone'),
                      when: i18n.formatDateTime(at),
                    })
                  }}
                } @else {
                  {{ t('memos.never') }}
                }
              </span>
            </li>
          }
        </ul>
      }
    </section>
  </ng-container>`,
  styles: `
    .section-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
    }
    .section-header h2 {
      margin: 0;
    }
    .project-memo {
      margin-bottom: 1.5rem;
    }
    .history-toggle {
      margin-top: 0.25rem;
    }
    .history ul {
      list-style: none;
      padding: 0;
      margin: 0.25rem 0 0;
    }
    .history li {
      display: grid;
      grid-template-columns: minmax(6rem, max-content) 1fr;
      gap: 0.75rem;
      padding: 0.25rem 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .history .author {
      font: var(--mat-sys-label-medium);
    }
    .history .run {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .memo-list {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .memo-list li {
      display: flex;
      align-items: baseline;
      gap: 0.75rem;
      flex-wrap: wrap;
      padding: 0.25rem 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .scope {
      min-width: 7rem;
      font: var(--mat-sys-label-medium);
    }
    .changed {
      font: var(--mat-sys-body-small);
    }
  `,
})
export class MemosSection {
  private readonly api = inject(MemosApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);
  protected readonly i18n = inject(I18n);

  readonly projectId = input.required<string>();
  readonly role = input.required<ProjectRole>();
  readonly settings = input<ProjectSettings>();

  protected readonly projectMemo = signal<Memo | null>(null);
  protected readonly others = signal<readonly MemoSummary[]>([]);
  protected readonly failed = signal(false);
  protected readonly downloading = signal(false);
  /** Who wrote what in the project memo, while shown. */
  protected readonly history = signal<MemoHistory | null>(null);

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => void this.load(id));
    });
  }

  protected canWrite(): boolean {
    return may(this.role(), 'editMemos', this.settings());
  }

  protected async load(projectId = this.projectId()): Promise<void> {
    this.failed.set(false);
    try {
      const [memo, all] = await Promise.all([this.api.projectMemo(projectId), this.api.list(projectId)]);
      this.projectMemo.set(memo);
      this.others.set(all.filter((m) => m.scope !== 'project'));
    } catch {
      this.failed.set(true);
    }
  }

  protected async download(): Promise<void> {
    this.downloading.set(true);
    try {
      await this.api.downloadDocx(this.projectId(), this.i18n.lang());
    } catch (err) {
      this.notify.error('memos.downloadFailed', err);
    } finally {
      this.downloading.set(false);
    }
  }

  protected async toggleHistory(memoId: string): Promise<void> {
    if (this.history()) {
      this.history.set(null);
      return;
    }
    try {
      this.history.set(await this.api.history(memoId));
    } catch (err) {
      this.notify.error('memos.history.failed', err);
    }
  }

  protected open(memo: MemoSummary): void {
    this.dialog
      .open<MemoDialog, MemoDialogData>(
        MemoDialog,
        Object.assign(new MatDialogConfig<MemoDialogData>(), {
          data: { target: { kind: 'memo', id: memo.id }, name: memo.title, canWrite: this.canWrite() },
          width: '40rem',
          maxWidth: '95vw',
        }),
      )
      .afterClosed()
      .subscribe(() => void this.load());
  }
}
