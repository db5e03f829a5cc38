import {
  type EditorState,
  type Extension,
  StateEffect,
  StateField,
  type Text,
  type Transaction,
} from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';
import { assignLanes, type LaneItem, type LaneLayout } from './coding-lanes';
import {
  type Bracket,
  type BracketHandlers,
  type BracketInfo,
  bracketInfo,
  type BracketState,
  bracketLayer,
} from './stripe-layer';

/** One coding as the text and the margin draw it: where it is now, its colour and its code's name. */
export type Stripe = Bracket;

/** A passage tinted in the text: the hovered or opened coding, a comment's segment. */
export interface Highlight {
  from: number;
  to: number;
  color: string;
}

export interface StripeHandlers extends BracketHandlers {
  /** Coded words were clicked (a plain click, not a selection): select that coding. */
  select(id: string, rect: DOMRect): void;
}

export const setStripes = StateEffect.define<readonly Stripe[]>();
export const setHighlight = StateEffect.define<Highlight | null>();
/** Which coding is selected or hovered: its bracket is drawn a little bolder. */
export const setActiveStripe = StateEffect.define<string | null>();

/** How codings show: the coded words tinted, the margin brackets, or both. */
export type CodingView = 'both' | 'highlights' | 'stripes';
export const setCodingView = StateEffect.define<CodingView>();

interface StripeState {
  /** What the margin layer reads; a new object only when the margin must be redrawn. Its set is also the words' tints. */
  margin: BracketState;
  highlight: Highlight | null;
  view: CodingView;
}

/**
 * Codings in the transcript: the coded words tinted in their code's colour,
 * and labelled brackets in the right margin (`stripe-layer.ts`); a light
 * tint over the hovered or opened coding's words. A plain click on coded
 * words selects the innermost coding there (again: the next one out).
 *
 * Offsets come from the page, which resolves every anchor once typing
 * pauses. Between two resolutions the codings are mapped through the edits,
 * so they never lag a keystroke behind. The work per keystroke is kept small
 * for a long transcript with many codings: the codings are one range set
 * (the tints and the brackets share it), which an edit maps in time
 * proportional to what it touches; lanes are laid out again only when a
 * line break came or went; a resolution that agrees with the mapped
 * positions changes nothing; and only the codings in the viewport are drawn.
 */
export function codingStripes(handlers: StripeHandlers): Extension {
  return [
    stripeField,
    bracketLayer((state) => state.field(stripeField).margin, handlers),
    EditorView.domEventHandlers({
      click(event, view) {
        const id = codingAtClick(event, view);
        if (!id) return false;
        const coords = view.coordsAtPos(view.state.selection.main.head);
        handlers.select(
          id,
          coords ? new DOMRect(coords.left, coords.top, 1, coords.bottom - coords.top) : new DOMRect(),
        );
        return false;
      },
    }),
    stripeTheme,
  ];
}

const NO_LAYOUT: LaneLayout = { lanes: new Map(), count: 0 };

const EMPTY: StripeState = {
  margin: { brackets: Decoration.none, layout: NO_LAYOUT, active: null, shown: true },
  highlight: null,
  view: 'both',
};

export const stripeField = StateField.define<StripeState>({
  create: () => EMPTY,
  update(value, tr) {
    let next = value;
    if (tr.docChanged && (value.margin.brackets.size || value.highlight)) {
      const brackets = value.margin.brackets.map(tr.changes);
      // Lanes depend on which lines a coding touches: same lines, same lanes.
      const sameLines = !touchesLineBreaks(tr);
      const h = value.highlight;
      const from = h ? tr.changes.mapPos(h.from, 1) : 0;
      const to = h ? tr.changes.mapPos(h.to, -1) : 0;
      next = {
        ...value,
        margin: {
          ...value.margin,
          brackets,
          layout: sameLines ? value.margin.layout : layoutOf(tr.state.doc, brackets),
        },
        highlight: h && from < to ? { ...h, from, to } : null,
      };
    }
    for (const effect of tr.effects) {
      if (effect.is(setStripes)) {
        const stripes = clamp(tr.state, effect.value);
        if (sameBrackets(stripes, next.margin.brackets)) continue;
        const brackets = marksOf(stripes);
        next = { ...next, margin: { ...next.margin, brackets, layout: layoutOf(tr.state.doc, brackets) } };
      } else if (effect.is(setHighlight)) {
        const [highlight] = effect.value ? clamp(tr.state, [effect.value]) : [];
        next = { ...next, highlight: highlight ?? null };
      } else if (effect.is(setActiveStripe)) {
        if (effect.value !== next.margin.active) next = { ...next, margin: { ...next.margin, active: effect.value } };
      } else if (effect.is(setCodingView)) {
        next = { ...next, view: effect.value, margin: { ...next.margin, shown: effect.value !== 'highlights' } };
      }
    }
    return next;
  },
  provide: (field) => [
    EditorView.decorations.from(field, (state) => (state.view === 'stripes' ? Decoration.none : state.margin.brackets)),
    EditorView.decorations.from(field, (state): DecorationSet => {
      const h = state.highlight;
      if (!h) return Decoration.none;
      return Decoration.set([
        Decoration.mark({
          class: 'tolk-highlight',
          attributes: { style: `background-color: ${h.color}2e; box-shadow: 0 2px 0 ${h.color}8c` },
        }).range(h.from, h.to),
      ]);
    }),
  ],
});

/** Whether an edit added or removed a line break (then lanes may change). */
function touchesLineBreaks(tr: Transaction): boolean {
  let touched = false;
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    if (touched) return;
    touched = inserted.lines > 1 || (toA > fromA && tr.startState.doc.sliceString(fromA, toA).includes('\n'));
  });
  return touched;
}

/** Whether a resolution agrees with the codings as mapped through the edits since the last one. */
function sameBrackets(stripes: readonly Stripe[], set: DecorationSet): boolean {
  if (stripes.length !== set.size) return false;
  const mapped = new Map<string, { from: number; to: number; info: BracketInfo }>();
  for (const cursor = set.iter(); cursor.value; cursor.next()) {
    const info = bracketInfo(cursor.value);
    mapped.set(info.id, { from: cursor.from, to: cursor.to, info });
  }
  return stripes.every((s) => {
    const m = mapped.get(s.id);
    return (
      !!m &&
      m.from === s.from &&
      m.to === s.to &&
      m.info.color === s.color &&
      m.info.label === s.label &&
      m.info.title === s.title
    );
  });
}

/**
 * The coding a plain click on coded words selects: the shortest one there,
 * or, when the selected one is there already, the next longer one (so
 * clicking again walks out through overlapping codings).
 */
function codingAtClick(event: MouseEvent, view: EditorView): string | null {
  const state = view.state.field(stripeField);
  if (event.button !== 0 || state.view === 'stripes' || !view.state.readOnly) return null;
  if (!(event.target instanceof Element) || !event.target.closest('.tolk-coded')) return null;
  // A drag that ends on coded words selects text; so does a double click.
  const selection = window.getSelection();
  if ((selection && !selection.isCollapsed) || event.detail > 1) return null;
  const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
  if (pos === null) return null;
  const here: { id: string; from: number; to: number }[] = [];
  state.margin.brackets.between(pos, pos, (from, to, decoration) => {
    if (from <= pos && pos < to) here.push({ id: bracketInfo(decoration).id, from, to });
  });
  here.sort((a, b) => a.to - a.from - (b.to - b.from) || a.from - b.from);
  if (!here.length) return null;
  const at = here.findIndex((b) => b.id === state.margin.active);
  return here[(at + 1) % here.length].id;
}

/**
 * Each coding tints its words in its code's colour, lightly enough that the
 * text keeps its contrast; where codings overlap, the tints add up, so a
 * passage with two codes reads darker than one with one.
 */
function marksOf(stripes: readonly Stripe[]): DecorationSet {
  return Decoration.set(
    stripes.map(({ from, to, ...bracket }) =>
      Decoration.mark({
        class: 'tolk-coded',
        attributes: { style: `background-color: ${bracket.color}24`, 'data-coding-id': bracket.id },
        bracket,
      }).range(from, to),
    ),
    true,
  );
}

/** Offsets from the last resolution may exceed a text that just got shorter. */
function clamp<T extends { from: number; to: number }>(state: EditorState, items: readonly T[]): T[] {
  const length = state.doc.length;
  if (items.every((item) => 0 <= item.from && item.from < item.to && item.to <= length)) return [...items];
  return items.flatMap((item) => {
    const from = Math.max(0, Math.min(item.from, length));
    const to = Math.max(0, Math.min(item.to, length));
    return from < to ? [{ ...item, from, to }] : [];
  });
}

function layoutOf(doc: Text, brackets: DecorationSet): LaneLayout {
  const items: LaneItem[] = [];
  for (const cursor = brackets.iter(); cursor.value; cursor.next()) {
    items.push({
      id: bracketInfo(cursor.value).id,
      from: cursor.from,
      to: cursor.to,
      firstLine: doc.lineAt(cursor.from).number,
      lastLine: doc.lineAt(Math.max(cursor.from, cursor.to - 1)).number,
    });
  }
  return assignLanes(items);
}

const stripeTheme = EditorView.baseTheme({
  '.tolk-stripe': {
    cursor: 'pointer',
    pointerEvents: 'auto',
  },
  // A bracket that closes the passage from the right: a short foot at each
  // end towards the text, the spine in the code's colour.
  '.tolk-stripe::before': {
    content: '""',
    position: 'absolute',
    top: '0',
    bottom: '0',
    left: '0',
    width: '3px',
    borderRadius: '2px',
    background: 'var(--stripe-color)',
    transition: 'width 80ms ease-out',
  },
  '.tolk-stripe--labelled::before': {
    width: '3px',
    background: 'transparent',
    border: '2px solid var(--stripe-color)',
    borderLeft: '0',
    borderRadius: '0 2px 2px 0',
  },
  '.tolk-stripe:hover::before, .tolk-stripe--active::before': {
    width: '5px',
    left: '-1px',
  },
  '.tolk-stripe--labelled:hover::before, .tolk-stripe--labelled.tolk-stripe--active::before': {
    width: '3px',
    left: '0',
    borderWidth: '3px',
  },
  // The name stands in the column right of the lanes, a rule in its code's
  // colour before it, the letters dark enough in that hue to read.
  '.tolk-stripe__label': {
    position: 'absolute',
    boxSizing: 'border-box',
    height: '14px',
    paddingLeft: '4px',
    borderLeft: '2px solid var(--stripe-color)',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    fontFamily: 'var(--mat-sys-body-large-font, sans-serif)',
    fontSize: '11px',
    lineHeight: '14px',
    fontWeight: '600',
    letterSpacing: '0.01em',
    color: 'color-mix(in srgb, var(--stripe-color) 45%, #1b1b1f)',
  },
  '.tolk-stripe:not(.tolk-stripe--labelled) .tolk-stripe__label': {
    display: 'none',
  },
  '.tolk-stripe--active .tolk-stripe__label': {
    textDecoration: 'underline',
  },
  '.cm-content[aria-readonly="true"] .tolk-coded': {
    cursor: 'pointer',
  },
  '.tolk-highlight': {
    borderRadius: '2px',
  },
});
