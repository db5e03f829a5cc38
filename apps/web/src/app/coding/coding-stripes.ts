import { type EditorState, type Extension, StateEffect, StateField, type Text } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, type LayerMarker, layer } from '@codemirror/view';
import { assignLanes, type LaneLayout } from './coding-lanes';

/** One coding as the margin draws it: where it is now and in which colour. */
export interface Stripe {
  id: string;
  from: number;
  to: number;
  /** `#rrggbb` of its code. */
  color: string;
  /** Shown on hover: code name and coder. */
  title: string;
}

/** A passage tinted in the text: the hovered or opened coding, a comment's segment. */
export interface Highlight {
  from: number;
  to: number;
  color: string;
}

export interface StripeHandlers {
  /** The pointer is over a stripe (id) or left it (null). */
  hover(id: string | null): void;
  /** A stripe was clicked; `rect` is where it is on screen. */
  open(id: string, rect: DOMRect): void;
}

export const setStripes = StateEffect.define<readonly Stripe[]>();
export const setHighlight = StateEffect.define<Highlight | null>();
/** Which stripe is opened or hovered: drawn a little wider. */
export const setActiveStripe = StateEffect.define<string | null>();

/** How codings show: the coded words tinted, the margin stripes, or both. */
export type CodingView = 'both' | 'highlights' | 'stripes';
export const setCodingView = StateEffect.define<CodingView>();

interface StripeState {
  stripes: readonly Stripe[];
  layout: LaneLayout;
  highlight: Highlight | null;
  active: string | null;
  view: CodingView;
  /** The coded words' tints, kept with the stripes (mapped through edits, rebuilt when codings change). */
  marks: DecorationSet;
}

/** Stripe pitch: a 3px bar and 3px of air; squeezed when a passage has many codings. */
const PITCH = 7;
const MIN_PITCH = 3;
/** Room in the margin for stripes; as wide as the page's right margin allows. */
const MARGIN = 52;
const GAP = 10;

/**
 * Coding stripes in the right margin (NVivo style), one bar per coding
 * beside the lines it covers, overlapping codings in lanes side by side;
 * and a light tint over the hovered or opened coding's words.
 *
 * Offsets come from the page, which resolves every anchor once per text
 * change. Between two resolutions the stripes are mapped through the edits,
 * so they never lag a keystroke behind. Only the codings in the rendered
 * viewport are measured and drawn: a long transcript with hundreds of
 * codings costs what the screen shows.
 *
 * Stripes are for the pointer; they are hidden from assistive technology
 * because the codings list in the side panel offers the same actions.
 */
export function codingStripes(handlers: StripeHandlers): Extension {
  return [stripeField, stripeLayer(handlers), stripeTheme];
}

const EMPTY: StripeState = {
  stripes: [],
  layout: { lanes: new Map(), count: 0 },
  highlight: null,
  active: null,
  view: 'both',
  marks: Decoration.none,
};

const stripeField = StateField.define<StripeState>({
  create: () => EMPTY,
  update(value, tr) {
    let next = value;
    if (tr.docChanged && (value.stripes.length || value.highlight)) {
      const map = (from: number, to: number) => {
        const a = tr.changes.mapPos(from, 1);
        const b = tr.changes.mapPos(to, -1);
        return a < b ? { from: a, to: b } : null;
      };
      const stripes = value.stripes.flatMap((s) => {
        const moved = map(s.from, s.to);
        return moved ? [{ ...s, ...moved }] : [];
      });
      const highlight = value.highlight && map(value.highlight.from, value.highlight.to);
      next = {
        ...value,
        stripes,
        layout: layoutOf(tr.state.doc, stripes),
        highlight: highlight && value.highlight ? { ...value.highlight, ...highlight } : null,
        marks: value.marks.map(tr.changes),
      };
    }
    for (const effect of tr.effects) {
      if (effect.is(setStripes)) {
        const stripes = clamp(tr.state, effect.value);
        next = { ...next, stripes, layout: layoutOf(tr.state.doc, stripes), marks: marksOf(stripes) };
      } else if (effect.is(setHighlight)) {
        const [highlight] = effect.value ? clamp(tr.state, [effect.value]) : [];
        next = { ...next, highlight: highlight ?? null };
      } else if (effect.is(setActiveStripe)) {
        next = { ...next, active: effect.value };
      } else if (effect.is(setCodingView)) {
        next = { ...next, view: effect.value };
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

class StripeMarker implements LayerMarker {
  constructor(
    readonly id: string,
    readonly left: number,
    readonly top: number,
    readonly height: number,
    readonly width: number,
    readonly color: string,
    readonly title: string,
    readonly active: boolean,
  ) {}

  draw(): HTMLElement {
    const dom = document.createElement('div');
    this.adjust(dom);
    return dom;
  }

  update(dom: HTMLElement, previous: LayerMarker): boolean {
    if (!(previous instanceof StripeMarker) || previous.id !== this.id) return false;
    this.adjust(dom);
    return true;
  }

  eq(other: LayerMarker): boolean {
    return (
      other instanceof StripeMarker &&
      other.id === this.id &&
      other.left === this.left &&
      other.top === this.top &&
      other.height === this.height &&
      other.width === this.width &&
      other.color === this.color &&
      other.title === this.title &&
      other.active === this.active
    );
  }

  private adjust(dom: HTMLElement): void {
    dom.className = this.active ? 'tolk-stripe tolk-stripe--active' : 'tolk-stripe';
    dom.dataset['codingId'] = this.id;
    dom.title = this.title;
    dom.style.left = `${this.left}px`;
    dom.style.top = `${this.top}px`;
    dom.style.height = `${this.height}px`;
    dom.style.width = `${this.width}px`;
    dom.style.setProperty('--stripe-color', this.color);
  }
}

function stripeLayer(handlers: StripeHandlers): Extension {
  let stop: (() => void) | null = null;
  return layer({
    above: true,
    class: 'tolk-stripes',
    update: (update) =>
      update.docChanged ||
      update.viewportChanged ||
      update.startState.field(stripeField) !== update.state.field(stripeField),
    markers: (view) => markers(view),
    mount: (dom) => {
      stop = listen(dom, handlers);
    },
    destroy: () => {
      stop?.();
      stop = null;
    },
  });
}

function markers(view: EditorView): LayerMarker[] {
  const { stripes, layout, active, view: shown } = view.state.field(stripeField);
  if (!stripes.length || shown === 'highlights') return [];
  const scroller = view.scrollDOM.getBoundingClientRect();
  const base = {
    left: scroller.left - view.scrollDOM.scrollLeft,
    top: scroller.top - view.scrollDOM.scrollTop,
  };
  const content = view.contentDOM.getBoundingClientRect();
  // On a narrow screen the margin is what is left before the window's edge.
  const room = Math.max(12, Math.min(MARGIN, document.documentElement.clientWidth - content.right - GAP - 8));
  const pitch = Math.max(MIN_PITCH, Math.min(PITCH, Math.floor(room / Math.max(1, layout.count))));
  const x0 = content.right - base.left + GAP;
  const { from: viewFrom, to: viewTo } = view.viewport;
  const out: StripeMarker[] = [];
  for (const stripe of stripes) {
    if (stripe.to < viewFrom || stripe.from > viewTo) continue;
    const top = rowTop(view, stripe.from);
    const bottom = rowBottom(view, stripe.to);
    if (bottom <= top) continue;
    const lane = layout.lanes.get(stripe.id) ?? 0;
    out.push(
      new StripeMarker(
        stripe.id,
        Math.round(x0 + lane * pitch),
        Math.round(top - base.top + 2),
        Math.round(bottom - top - 4),
        pitch,
        stripe.color,
        stripe.title,
        stripe.id === active,
      ),
    );
  }
  // Inner lanes first: the DOM order then matches what a pointer meets.
  return out.sort((a, b) => a.left - b.left || a.top - b.top);
}

/** Screen y of the top of the row holding `pos`; estimated for lines not rendered. */
function rowTop(view: EditorView, pos: number): number {
  const coords = view.coordsAtPos(pos, 1);
  return coords ? coords.top : view.documentTop + view.lineBlockAt(pos).top;
}

function rowBottom(view: EditorView, pos: number): number {
  const coords = view.coordsAtPos(pos, -1);
  return coords ? coords.bottom : view.documentTop + view.lineBlockAt(pos).bottom;
}

function listen(dom: HTMLElement, handlers: StripeHandlers): () => void {
  const idOf = (target: EventTarget | null): { id: string; el: HTMLElement } | null => {
    const el = target instanceof HTMLElement ? target.closest<HTMLElement>('.tolk-stripe') : null;
    const id = el?.dataset['codingId'];
    return el && id ? { id, el } : null;
  };
  const over = (event: MouseEvent) => handlers.hover(idOf(event.target)?.id ?? null);
  const out = (event: MouseEvent) => {
    if (!idOf(event.relatedTarget)) handlers.hover(null);
  };
  // Not a text click: keep the editor's selection and focus as they are.
  const down = (event: MouseEvent) => {
    if (idOf(event.target)) event.preventDefault();
  };
  const click = (event: MouseEvent) => {
    const hit = idOf(event.target);
    if (!hit) return;
    event.stopPropagation();
    handlers.open(hit.id, hit.el.getBoundingClientRect());
  };
  dom.addEventListener('mouseover', over);
  dom.addEventListener('mouseout', out);
  dom.addEventListener('mousedown', down);
  dom.addEventListener('click', click);
  return () => {
    dom.removeEventListener('mouseover', over);
    dom.removeEventListener('mouseout', out);
    dom.removeEventListener('mousedown', down);
    dom.removeEventListener('click', click);
  };
}

const stripeTheme = EditorView.baseTheme({
  '.tolk-stripe': {
    cursor: 'pointer',
    pointerEvents: 'auto',
  },
  // The visible bar is narrower than what the pointer can hit.
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
  '.tolk-stripe:hover::before, .tolk-stripe--active::before': {
    width: '5px',
    left: '-1px',
  },
  '.tolk-highlight': {
    borderRadius: '2px',
  },
});
