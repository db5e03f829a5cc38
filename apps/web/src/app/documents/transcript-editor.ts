import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
  output,
  untracked,
} from '@angular/core';
import { defaultKeymap } from '@codemirror/commands';
import { Compartment, EditorState, type Extension, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import { SHORTCUT_KEYS, type ShortcutKey } from '@tolk/contracts';
import {
  codingStripes,
  type CodingView,
  type Highlight,
  setActiveStripe,
  setCodingView,
  setHighlight,
  setStripes,
  type Stripe,
} from '../coding/coding-stripes';
import type * as Y from 'yjs';
import { type CommentMark, commentMarks, setCommentMarks } from '../coding/comment-marks';
import type { TextRange } from '../coding/coding.store';
import {
  type Edge,
  nudgeRange,
  resizeExtent,
  resizeHandles,
  type ResizeTarget,
  setResizePreview,
  setResizeTarget,
} from '../coding/resize-handles';
import { type ProtectOptions, protectAnnotatedText } from './protect-annotated-text';
import { lineNumbers } from './line-numbers';
import { speakerLabels } from './speaker-labels';
import { transcriptTheme } from './transcript-theme';
import { playingMark, setPlayingMark, timestampMarks } from './timestamp-marks';
import { type TextTimestamp, textTimestamps } from '@tolk/contracts';

/** The selected passage, trimmed of surrounding spaces, and where it ends on screen. */
export interface TextSelection {
  from: number;
  to: number;
  /** Bottom right of the selection's last character, relative to the editor's box. */
  x: number;
  y: number;
}

/**
 * The text the editor shows: a live `CollabSession`, or a frozen text (a
 * snapshot) with no provider, so nobody else's cursor and nothing sent.
 */
export interface TranscriptSource {
  text: Y.Text;
  undoManager: Y.UndoManager;
  provider?: { awareness: unknown } | null;
}

/** A single-key coding command: `pick` opens the code picker, a number applies the n-th code. */
export type CodingShortcut = 'pick' | 'comment' | ShortcutKey;

/**
 * The live transcript: CodeMirror 6 bound to the document's Y.Text.
 *
 * Why CodeMirror 6 and not a rich-text editor: a transcript is plain text,
 * and that is the data model. It is one Y.Text, and codings and comments
 * anchor to UTF-16 offsets in it (docs/api.md), so the editor must not add
 * structure of its own; ProseMirror would impose a rich-text schema that we
 * do not model. CodeMirror renders only what is on screen, so a 15,000-word
 * interview stays quick, and y-codemirror.next binds it to Yjs with remote
 * cursors and selections labelled by name. The theme makes it read like the
 * page it replaced: a serif face, a comfortable measure, wrapped lines, no
 * gutters or line numbers. Coding stripes sit in the right margin.
 */
@Component({
  selector: 'tolk-transcript-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
  styles: `
    :host {
      display: block;
    }
  `,
})
export class TranscriptEditor {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly session = input.required<TranscriptSource>();
  readonly readOnly = input(false);
  /** The accessible name of the text area, e.g. "Transcript text". */
  readonly label = input.required<string>();
  /** Shown in an empty document. */
  readonly emptyText = input('');
  /** Line numbers in the left margin, for citing. */
  readonly lineNumbers = input(false);
  /** Codings to draw in the margin. */
  readonly stripes = input<readonly Stripe[]>([]);
  /** A passage to tint: the hovered coding, a comment's segment. */
  readonly highlight = input<Highlight | null>(null);
  readonly activeStripe = input<string | null>(null);
  /** The selected coding, when it may be resized: handles on its ends. */
  readonly resizeTarget = input<ResizeTarget | null>(null);
  /** Coded words tinted, margin stripes, or both. */
  readonly codingView = input<CodingView>('both');
  /** C, M and 1–9 act on the selection; only where typing cannot change the text. */
  readonly shortcuts = input(false);
  /** Ask before deleting or replacing coded or commented words (where the text is writable). */
  readonly protect = input<ProtectOptions | null>(null);

  /** Commented passages, underlined; a click on one opens its thread. */
  readonly commentMarks = input<readonly CommentMark[]>([]);
  /** The tooltip of a commented passage. */
  readonly commentMarkTitle = input('');
  /** A recording plays here: `[hh:mm:ss]` marks are clickable, and this is their tooltip (empty: not clickable). */
  readonly timestampTitle = input('');
  /** Where the recording is playing: its mark (the latest one not after it) is set apart. */
  readonly playingMs = input<number | null>(null);

  readonly selectionChange = output<TextSelection | null>();
  readonly commentOpen = output<string>();
  readonly stripeHover = output<string | null>();
  readonly stripeOpen = output<{ id: string; rect: DOMRect }>();
  readonly shortcut = output<CodingShortcut>();
  /** A handle was dragged: the coding's new extent. */
  readonly codingResize = output<{ id: string; range: TextRange }>();
  /** A time mark was clicked: play from its time. */
  readonly timestampClick = output<number>();

  private view: EditorView | null = null;
  /** The source the view is bound to; a new one (another document) means a new view. */
  private bound: TranscriptSource | null = null;
  private readonly editable = new Compartment();
  private readonly attributes = new Compartment();
  private readonly empty = new Compartment();
  private readonly keys = new Compartment();
  private readonly guard = new Compartment();
  private readonly numbers = new Compartment();
  private readonly timeMarks = new Compartment();
  /** The marks of the text as last read, kept while the text is unchanged. */
  private marksOf: { doc: unknown; marks: TextTimestamp[] } | null = null;
  /** While the mouse button is down the selection is still being made. */
  private dragging = false;
  private lastSelection: TextSelection | null = null;

  constructor() {
    afterNextRender(() => this.create());
    // Angular keeps this component when only its inputs change (another
    // document of a snapshot, another transcript on the same route): the
    // view is bound to one Y.Text, so a new source needs a new view, or the
    // old text would stay under the new stripes.
    effect(() => {
      const session = this.session();
      untracked(() => {
        if (!this.view || session === this.bound) return;
        this.view.destroy();
        this.view = null;
        this.lastSelection = null;
        this.selectionChange.emit(null);
        this.create();
      });
    });
    effect(() => {
      const readOnly = this.readOnly();
      const label = this.label();
      this.view?.dispatch({
        effects: [
          this.editable.reconfigure(editability(readOnly)),
          this.attributes.reconfigure(contentAttributes(label, readOnly)),
        ],
      });
    });
    effect(() => {
      const text = this.emptyText();
      this.view?.dispatch({ effects: this.empty.reconfigure(text ? placeholder(text) : []) });
    });
    effect(() => {
      const stripes = this.stripes();
      this.view?.dispatch({ effects: setStripes.of(stripes) });
    });
    effect(() => {
      const highlight = this.highlight();
      this.view?.dispatch({ effects: setHighlight.of(highlight) });
    });
    effect(() => {
      const marks = this.commentMarks();
      this.view?.dispatch({ effects: setCommentMarks.of(marks) });
    });
    effect(() => {
      const shown = this.codingView();
      this.view?.dispatch({ effects: setCodingView.of(shown) });
    });
    effect(() => {
      const active = this.activeStripe();
      this.view?.dispatch({ effects: setActiveStripe.of(active) });
    });
    effect(() => {
      const on = this.lineNumbers();
      this.view?.dispatch({ effects: this.numbers.reconfigure(on ? lineNumbers : []) });
    });
    effect(() => {
      const title = this.timestampTitle();
      this.view?.dispatch({ effects: this.timeMarks.reconfigure(this.timeMarkExtension(title)) });
    });
    effect(() => {
      const ms = this.playingMs();
      const view = this.view;
      if (!view) return;
      const mark = ms === null ? null : this.markAt(view, ms);
      if (mark !== view.state.field(playingMark, false)) view.dispatch({ effects: setPlayingMark.of(mark) });
    });
    effect(() => {
      const target = this.resizeTarget();
      this.view?.dispatch({ effects: setResizeTarget.of(target) });
    });
    effect(() => {
      const guard = this.guardFor(this.readOnly(), this.protect());
      this.view?.dispatch({ effects: this.guard.reconfigure(guard) });
    });
    effect(() => {
      const on = this.shortcuts();
      this.view?.dispatch({ effects: this.keys.reconfigure(on ? this.shortcutKeymap() : []) });
    });
    const release = (): void => {
      if (!this.dragging) return;
      this.dragging = false;
      this.measureSelection();
    };
    window.addEventListener('mouseup', release);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('mouseup', release);
      this.view?.destroy();
      this.view = null;
    });
  }

  /** The passage currently selected (trimmed), or null. */
  selection(): { from: number; to: number } | null {
    return this.view ? trimmedSelection(this.view) : null;
  }

  /** Where the selection ends on screen (for a picker when its button is not drawn yet). */
  selectionEndRect(): DOMRect | null {
    const view = this.view;
    const range = view ? trimmedSelection(view) : null;
    const end = range && view ? view.coordsAtPos(range.to, -1) : null;
    return end ? new DOMRect(end.left, end.top, 1, end.bottom - end.top) : null;
  }

  focus(): void {
    this.view?.focus();
  }

  /** Drop the selection to a caret at its end (after coding it: the stripe shows the result). */
  collapseSelection(): void {
    const view = this.view;
    if (!view) return;
    const head = view.state.selection.main.to;
    view.dispatch({ selection: { anchor: head } });
  }

  /**
   * Move one end of the selected coding by a word (the keyboard's resize),
   * shown at once; returns the new extent, or null when nothing moved.
   */
  nudge(edge: Edge, dir: 1 | -1): TextRange | null {
    const view = this.view;
    const extent = view ? resizeExtent(view.state) : null;
    if (!view || !extent) return null;
    const doc = view.state.doc;
    const next = nudgeRange((a, b) => doc.sliceString(a, b), doc.length, extent, edge, dir);
    if (next.from === extent.from && next.to === extent.to) return null;
    view.dispatch({ effects: setResizePreview.of(next) });
    return next;
  }

  /** Drop a resize that was not saved (refused, or the coding went away). */
  clearResizePreview(): void {
    this.view?.dispatch({ effects: setResizePreview.of(null) });
  }

  /**
   * A new turn at the caret while transcribing: `[00:12:34] Informant: `, on
   * a line of its own (a line break first when the caret is inside a line).
   * Goes through the editor, so it is one undoable edit sent like typing.
   */
  insertTurn(mark: string): boolean {
    const view = this.view;
    if (!view || this.readOnly()) return false;
    const { from, to } = view.state.selection.main;
    const line = view.state.doc.lineAt(from);
    const text = (from > line.from && line.text.slice(0, from - line.from).trim() !== '' ? '\n' : '') + mark;
    view.dispatch({
      changes: { from, to, insert: text },
      selection: { anchor: from + text.length },
      scrollIntoView: true,
      userEvent: 'input.type',
    });
    view.focus();
    return true;
  }

  /** Bring a passage into view, its start in the middle of the screen. */
  reveal(from: number): void {
    const view = this.view;
    if (!view) return;
    view.dispatch({ effects: EditorView.scrollIntoView(Math.min(from, view.state.doc.length), { y: 'center' }) });
  }

  /** Where a coding's stripe is on screen (or its words, when the stripe is not drawn). */
  stripeRect(id: string, from: number): DOMRect | null {
    const view = this.view;
    if (!view) return null;
    const bracket = this.bracketRect(id);
    if (bracket) return bracket;
    const coords = view.coordsAtPos(Math.min(from, view.state.doc.length), 1);
    return coords ? new DOMRect(coords.left, coords.top, 1, coords.bottom - coords.top) : null;
  }

  private bracketRect(id: string): DOMRect | null {
    const bracket = this.view?.scrollDOM.querySelector<HTMLElement>(`.tolk-stripe[data-coding-id="${CSS.escape(id)}"]`);
    return bracket ? bracket.getBoundingClientRect() : null;
  }

  private create(): void {
    const session = this.session();
    this.bound = session;
    const extensions: Extension[] = [
      this.keys.of(this.shortcuts() ? this.shortcutKeymap() : []),
      // Undo and redo go through the Y.UndoManager: only one's own edits.
      keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
      EditorView.lineWrapping,
      this.editable.of(editability(this.readOnly())),
      this.guard.of(this.guardFor(this.readOnly(), this.protect())),
      this.attributes.of(contentAttributes(this.label(), this.readOnly())),
      this.empty.of(this.emptyText() ? placeholder(this.emptyText()) : []),
      speakerLabels,
      transcriptTheme,
      this.numbers.of(this.lineNumbers() ? lineNumbers : []),
      codingStripes({
        hover: (id) => this.stripeHover.emit(id),
        open: (id, rect) => this.stripeOpen.emit({ id, rect }),
        // Coded words clicked: the card goes by the bracket when it is drawn.
        select: (id, rect) => this.stripeOpen.emit({ id, rect: this.bracketRect(id) ?? rect }),
      }),
      resizeHandles({ resize: (id, range) => this.codingResize.emit({ id, range }) }),
      commentMarks({ open: (id) => this.commentOpen.emit(id), title: this.commentMarkTitle() }),
      this.timeMarks.of(this.timeMarkExtension(this.timestampTitle())),
      EditorView.domEventHandlers({
        mousedown: (event) => {
          if (event.button === 0) this.dragging = true;
          return false;
        },
      }),
      EditorView.updateListener.of((update) => {
        if (update.selectionSet || update.docChanged || update.geometryChanged || update.focusChanged) {
          this.measureSelection();
        }
      }),
      yCollab(session.text, session.provider?.awareness ?? null, { undoManager: session.undoManager }),
    ];
    this.view = new EditorView({
      parent: this.host.nativeElement,
      state: EditorState.create({ doc: session.text.toString(), extensions }),
    });
    // The first stripes may have been set before the view existed.
    this.view.dispatch({
      effects: [
        setStripes.of(this.stripes()),
        setHighlight.of(this.highlight()),
        setActiveStripe.of(this.activeStripe()),
        setCodingView.of(this.codingView()),
        setCommentMarks.of(this.commentMarks()),
        setResizeTarget.of(this.resizeTarget()),
      ],
    });
  }

  private timeMarkExtension(title: string): Extension {
    return title ? timestampMarks({ seek: (ms) => this.timestampClick.emit(ms), title }) : [];
  }

  /** The offset of the mark with the latest time not after `ms`, or null. */
  private markAt(view: EditorView, ms: number): number | null {
    const doc = view.state.doc;
    if (this.marksOf?.doc !== doc) this.marksOf = { doc, marks: textTimestamps(doc.toString()) };
    let best: TextTimestamp | null = null;
    for (const mark of this.marksOf.marks) if (mark.ms <= ms && (!best || mark.ms > best.ms)) best = mark;
    return best ? best.start : null;
  }

  /** A fresh guard each time the text becomes writable: what was agreed before is asked again. */
  private guardFor(readOnly: boolean, protect: ProtectOptions | null): Extension {
    return readOnly || !protect ? [] : protectAnnotatedText(protect);
  }

  /** Single keys, above the default keymap; only when a passage is selected. */
  private shortcutKeymap(): Extension {
    const onSelection = (command: CodingShortcut) => (view: EditorView) => {
      if (!trimmedSelection(view)) return false;
      this.shortcut.emit(command);
      return true;
    };
    const digits = SHORTCUT_KEYS.map((key) => ({ key, run: onSelection(key) }));
    return Prec.highest(
      keymap.of([{ key: 'c', run: onSelection('pick') }, { key: 'm', run: onSelection('comment') }, ...digits]),
    );
  }

  /** Layout is read in CodeMirror's measure phase, never in the middle of an update. */
  private measureSelection(): void {
    const view = this.view;
    if (!view) return;
    view.requestMeasure({
      key: this,
      read: (v): TextSelection | null => {
        if (this.dragging) return null;
        const range = trimmedSelection(v);
        if (!range) return null;
        const end = v.coordsAtPos(range.to, -1);
        if (!end) return null;
        const box = this.host.nativeElement.getBoundingClientRect();
        return { ...range, x: end.right - box.left, y: end.bottom - box.top };
      },
      write: (selection) => {
        const last = this.lastSelection;
        const same =
          selection === last ||
          (!!selection &&
            !!last &&
            selection.from === last.from &&
            selection.to === last.to &&
            selection.x === last.x &&
            selection.y === last.y);
        if (same) return;
        this.lastSelection = selection;
        this.selectionChange.emit(selection);
      },
    });
  }
}

/** The main selection without the spaces and line breaks at its edges. */
function trimmedSelection(view: EditorView): { from: number; to: number } | null {
  const { from, to } = view.state.selection.main;
  if (from === to) return null;
  const text = view.state.sliceDoc(from, to);
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  const start = from + lead;
  const end = to - trail;
  return start < end ? { from: start, to: end } : null;
}

function editability(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
}

/**
 * CodeMirror already makes the content a multi-line textbox; name it and say
 * whether it is writable. Read-only content is not editable, so it would
 * drop out of the tab order: keep it reachable for reading and selecting.
 */
function contentAttributes(label: string, readOnly: boolean): Extension {
  return EditorView.contentAttributes.of({
    'aria-label': label,
    'aria-readonly': String(readOnly),
    ...(readOnly ? { tabindex: '0' } : {}),
  });
}
