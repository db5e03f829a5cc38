import {
  type EditorState,
  type Extension,
  StateEffect,
  StateField,
  type Text,
  type Transaction,
} from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';
import { assignLanes, type LaneLayout } from './coding-lanes';
import { type Bracket, type BracketHandlers, type BracketState, bracketLayer } from './stripe-layer';

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
  /** What the margin layer reads; a new object only when the margin must be redrawn. */
  margin: BracketState;
  highlight: Highlight | null;
  view: CodingView;
  /** The coded words' tints, kept with the brackets (mapped through edits, rebuilt when codings change). */
  marks: DecorationSet;
}

/**
 * Codings in the transcript: the coded words tinted in their code's colour,
 * and labelled brackets in the right margin (`stripe-layer.ts`); a light
 * tint over the hovered or opened coding's words. A plain click on coded
 * words selects the innermost coding there (again: the next one out).
 *
 * Offsets come from the page, which resolves every anchor once per text
 * change. Between two resolutions the brackets are mapped through the
 * edits, so they never lag a keystroke behind. The work per keystroke is
 * kept small for a long transcript with many codings: lanes are laid out
 * again only when a line break came or went, and a resolution that agrees
 * with the mapped positions changes nothing.
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
  margin: { brackets: [], layout: NO_LAYOUT, active: null, shown: true },
  highlight: null,
  view: 'both',
  marks: Decoration.none,
};

export const stripeField = StateField.define<StripeState>({
  create: () => EMPTY,
  update(value, tr) {
    let next = value;
    if (tr.docChanged && (value.margin.brackets.length || value.highlight)) {
      const map = (from: number, to: number) => {
        const a = tr.changes.mapPos(from, 1);
        const b = tr.changes.mapPos(to, -1);
        return a < b ? { from: a, to: b } : null;
      };
      const brackets = value.margin.brackets.flatMap((s) => {
        const moved = map(s.from, s.to);
        return moved ? [{ ...s, ...moved }] : [];
      });
      // Lanes depend on which lines a coding touches: same lines, same lanes.
      const sameLines = !touchesLineBreaks(tr);
      const highlight = value.highlight && map(value.highlight.from, value.highlight.to);
      next = {
        ...value,
        margin: {
          ...value.margin,
          brackets,
          layout: sameLines ? value.margin.layout : layoutOf(tr.state.doc, brackets),
        },
        highlight: highlight && value.highlight ? { ...value.highlight, ...highlight } : null,
        marks: value.marks.map(tr.changes),
      };
    }
    for (const effect of tr.effects) {
      if (effect.is(setStripes)) {
        const brackets = clamp(tr.state, effect.value);
        if (sameBrackets(brackets, next.margin.brackets)) continue;
        next = {
          ...next,
          margin: { ...next.margin, brackets, layout: layoutOf(tr.state.doc, brackets) },
          marks: marksOf(brackets),
        };
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
    EditorView.decorations.from(field, (state) => (state.view === 'stripes' ? Decoration.none : state.marks)),
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

function sameBrackets(a: readonly Bracket[], b: readonly Bracket[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.id !== y.id ||
      x.from !== y.from ||
      x.to !== y.to ||
      x.color !== y.color ||
      x.label !== y.label ||
      x.title !== y.title
    )
      return false;
  }
  return true;
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
  const here = state.margin.brackets
    .filter((b) => b.from <= pos && pos < b.to)
    .sort((a, b) => a.to - a.from - (b.to - b.from) || a.from - b.from);
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
    stripes.map((s) =>
      Decoration.mark({
        class: 'tolk-coded',
        attributes: { style: `background-color: ${s.color}24`, 'data-coding-id': s.id },
      }).range(s.from, s.to),
    ),
    true,
  );
}

/** Offsets from the last resolution may exceed a text that just got shorter. */
function clamp<T extends { from: number; to: number }>(state: EditorState, items: readonly T[]): T[] {
  const length = state.doc.length;
  return items.flatMap((item) => {
    const from = Math.max(0, Math.min(item.from, length));
    const to = Math.max(0, Math.min(item.to, length));
    return from < to ? [{ ...item, from, to }] : [];
  });
}

function layoutOf(doc: Text, stripes: readonly Stripe[]): LaneLayout {
  return assignLanes(
    stripes.map((s) => ({
      id: s.id,
      from: s.from,
      to: s.to,
      firstLine: doc.lineAt(s.from).number,
      lastLine: doc.lineAt(Math.max(s.from, s.to - 1)).number,
    })),
  );
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
