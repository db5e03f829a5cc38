import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  model,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Member } from '@tolk/contracts';
import { TranslocoDirective } from '@jsverse/transloco';
import { CommentStore, type CommentTarget, type PlacedThread } from './comment.store';
import { CommentThreadView } from './comment-thread';
import { MentionInput } from './mention-input';

/** Longest quote shown above the new-comment box. */
const QUOTE_MAX = 140;

/**
 * Comments beside the transcript: a box for a new comment on the chosen
 * passage (or on the whole document), the open threads in the order of the
 * text, and the resolved ones folded away.
 */
@Component({
  selector: 'tolk-comments-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, CommentThreadView, MentionInput, TranslocoDirective],
  template: `<ng-container *transloco="let t">
    @if (store.canComment()) {
      <form class="composer" (submit)="$event.preventDefault(); post()">
        <div class="target">
          @if (target(); as chosen) {
            <span class="target-label">{{ t('comments.on') }}</span>
            <q class="target-quote">{{ clip(chosen.quote) }}</q>
            <button mat-button type="button" class="target-clear" (click)="target.set(null)">
              {{ t('comments.onWholeInstead') }}
            </button>
          } @else {
            <span class="target-label">{{ t('comments.onWhole') }}</span>
            <span class="muted target-hint">{{ t('comments.selectHint') }}</span>
          }
        </div>
        <tolk-mention-input
          inputId="tolk-new-comment"
          [(value)]="draft"
          [members]="members()"
          [rows]="3"
          [label]="t('comments.newLabel')"
          [placeholder]="t('comments.placeholder')"
          (send)="post()"
        />
        <div class="composer-actions">
          <button mat-flat-button type="submit" [disabled]="!draft().trim() || busy()">
            {{ t('comments.post') }}
          </button>
        </div>
      </form>
    }

    @switch (drawThreads() ? store.state() : 'hidden') {
      @case ('loading') {
        <p class="muted" aria-busy="true">{{ t('common.loading') }}</p>
      }
      @case ('failed') {
        <div class="form-error" role="alert">
          {{ t('comments.loadFailed') }}
          <button mat-button type="button" (click)="store.load()">{{ t('action.retry') }}</button>
        </div>
      }
      @case ('ready') {
        <h2 class="visually-hidden">{{ t('comments.openHeading') }}</h2>
        @if (store.open().length) {
          <ul class="threads" [attr.aria-label]="t('comments.openHeading')">
            @for (p of store.open(); track p.thread.id) {
              <li>
                <tolk-comment-thread
                  [placed]="store.card(p)"
                  [members]="members()"
                  [selected]="selectedThreadId() === p.thread.id"
                  (show)="select(p)"
                  (moved)="afterMove($event)"
                />
              </li>
            }
          </ul>
        } @else {
          <p class="muted empty">{{ t('comments.none') }}</p>
        }
        @if (store.resolved().length) {
          <button
            type="button"
            class="disclosure"
            data-test="toggle-resolved"
            [attr.aria-expanded]="store.showResolved()"
            aria-controls="tolk-resolved"
            (click)="store.showResolved.set(!store.showResolved())"
          >
            <span class="chevron" [class.chevron--open]="store.showResolved()" aria-hidden="true">›</span>
            {{ t('comments.resolvedCount', { count: store.resolved().length }) }}
          </button>
          @if (store.showResolved()) {
            <ul class="threads" id="tolk-resolved">
              @for (p of store.resolved(); track p.thread.id) {
                <li>
                  <tolk-comment-thread
                    [placed]="store.card(p)"
                    [members]="members()"
                    [selected]="selectedThreadId() === p.thread.id"
                    (show)="select(p)"
                    (moved)="afterMove($event)"
                  />
                </li>
              }
            </ul>
          }
        }
      }
    }
  </ng-container> `,
  styles: `
    :host {
      display: block;
      font: var(--mat-sys-body-medium);
    }
    .composer {
      margin-bottom: 1rem;
      padding-bottom: 1rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .target {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.5rem;
      margin-bottom: 0.5rem;
    }
    .target-label {
      font: var(--mat-sys-label-large);
    }
    .target-quote {
      flex-basis: 100%;
      padding-left: 0.625rem;
      border-left: 3px solid var(--tolk-comment-color);
      font-family: var(--tolk-reading-font);
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .target-clear {
      margin-left: -0.75rem;
    }
    .target-hint {
      font: var(--mat-sys-body-small);
    }
    .composer-actions {
      display: flex;
      justify-content: flex-end;
      margin-top: 0.5rem;
    }
    .threads {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 0.625rem;
    }
    .empty {
      margin: 0.25rem 0;
    }
    .disclosure {
      display: flex;
      align-items: baseline;
      gap: 0.25rem;
      width: 100%;
      margin: 1rem 0 0.5rem;
      padding: 0.375rem 0.25rem;
      border: 0;
      border-radius: 8px;
      background: transparent;
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-title-small);
      text-align: left;
      cursor: pointer;
      &:hover {
        background: var(--mat-sys-surface-container-high);
      }
    }
    .chevron {
      display: inline-block;
      width: 0.75rem;
      transition: transform 120ms ease-out;
    }
    .chevron--open {
      transform: rotate(90deg);
    }
  `,
})
export class CommentsPanel {
  protected readonly store = inject(CommentStore);

  readonly members = input<readonly Member[]>([]);
  /** The passage a new comment is about (null: the whole document). */
  readonly target = model<CommentTarget | null>(null);
  readonly selectedThreadId = model<string | null>(null);
  /** Bring a thread's passage into view and highlight it. */
  readonly showThread = output<PlacedThread>();

  /**
   * The threads are drawn from the first time the Comments tab shows: behind
   * the Codes tab at opening, a hundred cards would be made for nobody while
   * the transcript is still coming. The new-comment box is always there.
   */
  readonly active = input(true);
  protected readonly drawThreads = signal(false);

  protected readonly draft = signal('');
  protected readonly busy = signal(false);
  private readonly input = viewChild(MentionInput);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  constructor() {
    effect(() => {
      if (this.active()) this.drawThreads.set(true);
    });
  }

  /**
   * A thread resolved, reopened or deleted leaves the list its focused button
   * was in: focus goes to the thread where it is now, or to the folded
   * resolved list, or to the new-comment box, never to the page's body.
   */
  protected afterMove(event: { threadId: string; how: 'resolved' | 'reopened' | 'deleted' }): void {
    afterNextRender(
      () => {
        const root = this.host.nativeElement;
        const thread = root.querySelector<HTMLElement>(`[data-thread="${CSS.escape(event.threadId)}"]`);
        const target =
          (event.how !== 'deleted' ? thread : null) ??
          root.querySelector<HTMLElement>('[data-test="toggle-resolved"]') ??
          root.querySelector<HTMLElement>('#tolk-new-comment');
        target?.focus();
      },
      { injector: this.injector },
    );
  }

  /** Focus the new-comment box (after "Comment" on a selection). */
  focusComposer(): void {
    this.input()?.focus();
  }

  protected clip(quote: string): string {
    const flat = quote.replace(/\s+/gu, ' ').trim();
    return flat.length > QUOTE_MAX ? `${flat.slice(0, QUOTE_MAX - 1)}…` : flat;
  }

  protected select(p: PlacedThread): void {
    this.selectedThreadId.set(this.selectedThreadId() === p.thread.id ? null : p.thread.id);
    if (this.selectedThreadId()) this.showThread.emit(p);
  }

  protected async post(): Promise<void> {
    const body = this.draft().trim();
    if (!body || this.busy()) return;
    this.busy.set(true);
    const comment = await this.store.create(body, this.target());
    this.busy.set(false);
    if (!comment) return;
    this.draft.set('');
    this.target.set(null);
  }
}
