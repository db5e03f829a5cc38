import { type Extension, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';

/** A commented passage as the text marks it: where its thread's segment is now. */
export interface CommentMark {
  threadId: string;
  from: number;
  to: number;
  resolved: boolean;
}

export const setCommentMarks = StateEffect.define<readonly CommentMark[]>();

/**
 * Commented passages marked in the transcript: a dotted underline in the
 * comment colour, distinct from the coding tints (`.tolk-coded`) and the
 * margin stripes, so both can show on the same words. A click on a marked
 * passage opens its thread (the innermost, when threads overlap).
 *
 * The page resolves anchors once per text change and sends the marks; in
 * between they are mapped through edits. The marks are a pointer shortcut:
 * the comments panel lists every thread for keyboards and screen readers,
 * and the marked words carry a title saying they are commented.
 */
export function commentMarks(options: { open(threadId: string): void; title: string }): Extension {
  const field = StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(marks, tr) {
      for (const effect of tr.effects) if (effect.is(setCommentMarks)) return build(effect.value, tr.state.doc.length);
      return tr.docChanged ? marks.map(tr.changes) : marks;
    },
    provide: (f) => EditorView.decorations.from(f),
  });

  function build(list: readonly CommentMark[], length: number): DecorationSet {
    const builder = new RangeSetBuilder<Decoration>();
    const sorted = list
      .map((m) => ({ ...m, from: Math.max(0, Math.min(m.from, length)), to: Math.max(0, Math.min(m.to, length)) }))
      .filter((m) => m.from < m.to)
      .sort((a, b) => a.from - b.from || b.to - a.to);
    for (const m of sorted) {
      builder.add(
        m.from,
        m.to,
        Decoration.mark({
          class: m.resolved ? 'tolk-commented tolk-commented--resolved' : 'tolk-commented',
          attributes: { 'data-thread-id': m.threadId, title: options.title },
        }),
      );
    }
    return builder.finish();
  }

  return [
    field,
    EditorView.domEventHandlers({
      click(event) {
        // A drag that ends on a mark selects text; only a plain click opens the thread.
        const selection = window.getSelection();
        if (selection && !selection.isCollapsed) return false;
        const target = event.target instanceof Element ? event.target.closest('[data-thread-id]') : null;
        const id = target?.getAttribute('data-thread-id');
        if (!id) return false;
        options.open(id);
        return false;
      },
    }),
    EditorView.baseTheme({
      '.tolk-commented': {
        textDecorationLine: 'underline',
        textDecorationStyle: 'dotted',
        textDecorationColor: 'var(--tolk-comment-color, #a66a00)',
        textDecorationThickness: '2px',
        textUnderlineOffset: '0.25em',
        cursor: 'pointer',
      },
      '.tolk-commented--resolved': {
        textDecorationColor: 'var(--mat-sys-outline, #888)',
        textDecorationThickness: '1px',
      },
    }),
  ];
}
