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

/** The marks inside a text of `length` characters (offsets from the last resolution may lie past its end). */
function clamped(list: readonly CommentMark[], length: number): CommentMark[] {
  return list
    .map((m) => ({ ...m, from: Math.max(0, Math.min(m.from, length)), to: Math.max(0, Math.min(m.to, length)) }))
    .filter((m) => m.from < m.to);
}

/** Whether `set` already marks exactly `list` (same threads, places and states). */
function sameMarks(list: readonly CommentMark[], set: DecorationSet): boolean {
  if (list.length !== set.size) return false;
  const drawn = new Map<string, { from: number; to: number; resolved: boolean }>();
  for (const cursor = set.iter(); cursor.value; cursor.next()) {
    const mark = (cursor.value.spec as { mark: CommentMark }).mark;
    drawn.set(mark.threadId, { from: cursor.from, to: cursor.to, resolved: mark.resolved });
  }
  return list.every((m) => {
    const d = drawn.get(m.threadId);
    return !!d && d.from === m.from && d.to === m.to && d.resolved === m.resolved;
  });
}

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
      const mapped = tr.docChanged ? marks.map(tr.changes) : marks;
      for (const effect of tr.effects) {
        if (!effect.is(setCommentMarks)) continue;
        // A resolution that agrees with the marks as mapped through the edits changes nothing on screen.
        const list = clamped(effect.value, tr.state.doc.length);
        return sameMarks(list, mapped) ? mapped : build(list);
      }
      return mapped;
    },
    provide: (f) => EditorView.decorations.from(f),
  });

  function build(list: readonly CommentMark[]): DecorationSet {
    const builder = new RangeSetBuilder<Decoration>();
    const sorted = [...list].sort((a, b) => a.from - b.from || b.to - a.to);
    for (const m of sorted) {
      builder.add(
        m.from,
        m.to,
        Decoration.mark({
          class: m.resolved ? 'tolk-commented tolk-commented--resolved' : 'tolk-commented',
          attributes: { 'data-thread-id': m.threadId, title: options.title },
          mark: m,
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
