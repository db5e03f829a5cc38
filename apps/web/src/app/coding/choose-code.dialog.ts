import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { Code } from '@tolk/contracts';
import type { TranslationKey } from '../core/i18n/i18n.service';
import { TranslocoDirective } from '@jsverse/transloco';
import { matchesQuery, subtreeIds } from './code-tree';
import { CodingStore } from './coding.store';

export interface ChooseCodeData {
  code: Code;
  /** `move`: a new parent (or the top level); `merge`: the code that takes over. */
  mode: 'move' | 'merge';
}

/** What was chosen: a code id, or null for "top level". */
export type ChooseCodeResult = { target: string | null };

/**
 * Choose where a code goes ("Move to…", the keyboard way to nest codes) or
 * which code it merges into. The code itself and its sub-codes are not
 * offered: the api would refuse the cycle anyway.
 */
@Component({
  selector: 'tolk-choose-code-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <h2 mat-dialog-title>{{ t(titleKey, { name: data.code.name }) }}</h2>
    <mat-dialog-content>
      <p class="explain">{{ t(explainKey, { name: data.code.name }) }}</p>
      <label class="search-label" for="choose-code-search">{{ t('codes.search') }}</label>
      <input
        id="choose-code-search"
        class="search"
        type="search"
        autocomplete="off"
        cdkFocusInitial
        [value]="query()"
        (input)="query.set($any($event.target).value)"
      />
      <div class="options" role="radiogroup" [attr.aria-label]="t(titleKey, { name: data.code.name })">
        @if (data.mode === 'move' && data.code.parentId !== null && !query()) {
          <label class="option">
            <input type="radio" name="target" [checked]="chosen() === top" (change)="chosen.set(top)" />
            <span class="name top">{{ t('codes.move.top') }}</span>
          </label>
        }
        @for (node of candidates(); track node.code.id) {
          <label class="option" [style.padding-left.rem]="query() ? 0.5 : 0.5 + node.depth * 1">
            <input
              type="radio"
              name="target"
              [checked]="chosen() === node.code.id"
              (change)="chosen.set(node.code.id)"
            />
            <span class="dot" [style.background-color]="node.code.color" aria-hidden="true"></span>
            <span class="name">{{ node.code.name }}</span>
          </label>
        } @empty {
          <p class="muted">{{ t('picker.noMatch') }}</p>
        }
      </div>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ t('action.cancel') }}</button>
      <button mat-flat-button type="button" [disabled]="chosen() === undefined" (click)="done()">
        {{ t(confirmKey) }}
      </button>
    </mat-dialog-actions>
  </ng-container> `,
  styles: `
    .explain {
      margin: 0 0 1rem;
      max-width: 44ch;
    }
    .search-label {
      display: block;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 0.25rem;
    }
    .search {
      width: 100%;
      box-sizing: border-box;
      padding: 0.5rem 0.625rem;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
      font: inherit;
      background: var(--mat-sys-surface);
      color: inherit;
    }
    .options {
      margin-top: 0.5rem;
      max-height: 18rem;
      overflow-y: auto;
    }
    .option {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.375rem 0.5rem;
      border-radius: 6px;
      cursor: pointer;
      &:hover {
        background: var(--mat-sys-surface-container-high);
      }
      &:has(input:checked) {
        background: var(--mat-sys-secondary-container);
      }
    }
    .dot {
      width: 0.625rem;
      height: 0.625rem;
      border-radius: 50%;
      flex: none;
    }
    .top {
      font-style: italic;
    }
  `,
})
export class ChooseCodeDialog {
  protected readonly data = inject<ChooseCodeData>(MAT_DIALOG_DATA);
  private readonly store = inject(CodingStore);
  private readonly ref = inject<MatDialogRef<ChooseCodeDialog, ChooseCodeResult>>(MatDialogRef);

  protected readonly top = '';
  protected readonly query = signal('');
  /** undefined: nothing chosen yet; '' : the top level. */
  protected readonly chosen = signal<string | undefined>(undefined);
  protected readonly titleKey: TranslationKey = this.data.mode === 'move' ? 'codes.move.title' : 'codes.merge.title';
  protected readonly explainKey: TranslationKey =
    this.data.mode === 'move' ? 'codes.move.explain' : 'codes.merge.explain';
  protected readonly confirmKey: TranslationKey =
    this.data.mode === 'move' ? 'codes.move.confirm' : 'codes.merge.confirm';

  private readonly excluded = subtreeIds(this.store.codes(), this.data.code.id);
  protected readonly candidates = computed(() =>
    this.store
      .flat()
      .filter((node) => !this.excluded.has(node.code.id))
      // Moving under the parent it already has changes nothing.
      .filter((node) => this.data.mode === 'merge' || node.code.id !== this.data.code.parentId)
      .filter((node) => matchesQuery(node.code.name, this.query())),
  );

  protected done(): void {
    const chosen = this.chosen();
    if (chosen === undefined) return;
    this.ref.close({ target: chosen === this.top ? null : chosen });
  }
}
