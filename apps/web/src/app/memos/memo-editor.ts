import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { defaultKeymap } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { TranslocoDirective } from '@jsverse/transloco';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import { AuthService } from '../core/auth/auth.service';
import { CollabSession } from '../core/collab/collab-session';
import { I18n } from '../core/i18n/i18n.service';

/** Prose, not code: the reading face, some room around the text, a clear focus ring. */
const memoTheme = EditorView.theme({
  '&': { color: 'var(--mat-sys-on-surface)', borderRadius: '4px' },
  '&.cm-focused': { outline: '2px solid var(--mat-sys-primary)', outlineOffset: '1px' },
  // The page scrolls, not the memo: no scrolling region inside the page.
  '.cm-scroller': { fontFamily: 'var(--tolk-reading-font)', lineHeight: '1.55', overflow: 'visible' },
  '.cm-content': { padding: '0.5rem 0.75rem', minHeight: '9rem' },
});

/**
 * A memo as a live document: CodeMirror bound to the memo's Y.Text
 * (`/collab/memo:<id>`, the transcripts' live path), so two people writing
 * at once both keep every word; the other writers' cursors carry their
 * names, and the line above says who else is writing. The text is Markdown,
 * written as it reads. Viewers get it read-only (the server refuses their
 * updates anyway).
 */
@Component({
  selector: 'tolk-memo-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoDirective],
  template: `<ng-container *transloco="let t">
    <p class="status muted" aria-live="polite">
      @switch (connection()) {
        @case ('connecting') {
          {{ t('memos.connecting') }}
        }
        @case ('offline') {
          {{ t('memos.offline') }}
        }
        @default {
          {{ t(readOnly() ? 'memos.readOnly' : 'memos.live') }}
          @if (others().length > 0) {
            <span class="others">{{
              t('memos.alsoWriting', { names: others().join(', '), count: others().length })
            }}</span>
          }
        }
      }
    </p>
    <div #host class="editor" [attr.data-memo-id]="memoId()"></div>
  </ng-container>`,
  styles: `
    :host {
      display: block;
    }
    .status {
      margin: 0 0 0.25rem;
      font: var(--mat-sys-body-small);
    }
    .others {
      margin-inline-start: 0.5em;
    }
    .editor {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
      min-height: 10rem;
      font-family: var(--tolk-reading-font);
      line-height: 1.55;
    }
  `,
})
export class MemoEditor {
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly hostRef = viewChild.required<ElementRef<HTMLElement>>('host');

  readonly memoId = input.required<string>();
  readonly readOnly = input(false);
  /** The editor's accessible name. */
  readonly label = input.required<string>();

  private readonly session = signal<CollabSession | null>(null);
  protected readonly connection = computed(() => this.session()?.connection() ?? 'connecting');
  protected readonly others = computed(() => (this.session()?.peers() ?? []).filter((p) => !p.self).map((p) => p.name));
  private view: EditorView | undefined;
  private readonly rendered = signal(false);

  constructor() {
    afterNextRender(() => this.rendered.set(true));
    effect(() => {
      if (!this.rendered()) return;
      const memoId = this.memoId();
      const readOnly = this.readOnly();
      const label = this.label();
      untracked(() => this.open(memoId, readOnly, label));
    });
    inject(DestroyRef).onDestroy(() => this.close());
  }

  private open(memoId: string, readOnly: boolean, label: string): void {
    this.close();
    const user = this.auth.user();
    if (!user) return;
    const session = new CollabSession({
      documentId: `memo:${memoId}`,
      user,
      token: this.auth.accessToken(),
      renewToken: async () => ((await this.auth.refresh()) ? this.auth.accessToken() : null),
    });
    this.session.set(session);
    this.view = new EditorView({
      parent: this.hostRef().nativeElement,
      state: EditorState.create({
        doc: session.text.toString(),
        extensions: [
          keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
          EditorView.lineWrapping,
          memoTheme,
          EditorView.editable.of(!readOnly),
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' }),
          placeholder(this.i18n.t(readOnly ? 'memos.emptyReadOnly' : 'memos.placeholder')),
          yCollab(session.text, session.provider.awareness, { undoManager: session.undoManager }),
        ],
      }),
    });
  }

  /** Puts the cursor in the memo (a dialog opening on it). */
  focus(): void {
    this.view?.focus();
  }

  private close(): void {
    this.view?.destroy();
    this.view = undefined;
    this.session()?.destroy();
    this.session.set(null);
  }
}
