import { Annotation, EditorState, type Extension, type Text, Transaction } from '@codemirror/state';
import { type EditorView, ViewPlugin } from '@codemirror/view';

/** A passage that carries someone's work: a coding or a comment thread. */
export interface AnnotatedRange {
  id: string;
  kind: 'coding' | 'comment';
  from: number;
  to: number;
  /** What to name it when asking (a code's name). */
  label: string;
}

export interface ProtectOptions {
  /** The coded and commented passages as they are now. */
  ranges: () => readonly AnnotatedRange[];
  /** Asks the person; true lets the edit through. */
  ask: (hits: readonly AnnotatedRange[]) => Promise<boolean>;
}

/** Marks the edit the person has agreed to, so the filter lets it pass. */
const agreed = Annotation.define<boolean>();

/**
 * Deleting or replacing words that carry codings or comments asks first.
 *
 * Why: one key pressed over a selected, coded passage used to replace it
 * (the passage was gone, and with it the codings' words) and only an undo the
 * person might not think of brought it back. Typing inside a passage or next
 * to it deletes nothing and passes; so do remote edits and undo/redo, which
 * do not come from this keyboard. Once the person agrees for a passage, further
 * edits of it pass without asking, until the editor is reconfigured (leaving
 * and re-entering edit mode asks again).
 */
export function protectAnnotatedText(options: ProtectOptions): Extension {
  const agreedIds = new Set<string>();
  let view: EditorView | null = null;
  let asking = false;

  const filter = EditorState.transactionFilter.of((tr) => {
    if (!tr.docChanged || tr.annotation(agreed) || !fromKeyboardOrMouse(tr)) return tr;
    const removed: { from: number; to: number }[] = [];
    tr.changes.iterChangedRanges((fromA, toA) => {
      if (toA > fromA) removed.push({ from: fromA, to: toA });
    });
    if (removed.length === 0) return tr;
    const hits = options
      .ranges()
      .filter((r) => !agreedIds.has(r.id) && removed.some((x) => x.from < r.to && x.to > r.from));
    if (hits.length === 0) return tr;
    if (!asking) {
      asking = true;
      const before: Text = tr.startState.doc;
      const { changes, selection } = tr;
      const userEvent = tr.annotation(Transaction.userEvent);
      void options.ask(hits).then(
        (yes) => {
          asking = false;
          if (!yes) return;
          for (const hit of hits) agreedIds.add(hit.id);
          // Only if nothing else changed the text while the question was open;
          // otherwise the person repeats the edit (it passes now).
          if (!view || !view.state.doc.eq(before)) return;
          view.dispatch({
            changes,
            selection,
            scrollIntoView: true,
            annotations: [agreed.of(true), ...(userEvent ? [Transaction.userEvent.of(userEvent)] : [])],
          });
        },
        () => {
          asking = false;
        },
      );
    }
    return [];
  });

  const holder = ViewPlugin.define((v) => {
    view = v;
    return {
      destroy: () => {
        if (view === v) view = null;
      },
    };
  });

  return [filter, holder];
}

/** Typing, pasting, dropping, deleting and dragging text: what a stray key or click does. */
function fromKeyboardOrMouse(tr: Transaction): boolean {
  return tr.isUserEvent('input') || tr.isUserEvent('delete') || tr.isUserEvent('move');
}
