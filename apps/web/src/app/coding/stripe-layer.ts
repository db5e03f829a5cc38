import type { Extension } from '@codemirror/state';
import {
  type Decoration,
  type DecorationSet,
  type EditorView,
  type LayerMarker,
  layer,
  type ViewUpdate,
} from '@codemirror/view';
import type { LaneLayout } from './coding-lanes';
import { LABEL_GAP, LABEL_INSET, marginLayout, stackLabels } from './margin-layout';

/** What the margin layer needs of one coding. */
export interface Bracket {
  id: string;
  from: number;
  to: number;
  color: string;
  /** The code's name: shortened beside the bracket, whole in the title. */
  label: string;
  /** Code name and coder, on hover. */
  title: string;
}

/** A bracket without its place: the place is the range it has in a `BracketState`'s set. */
export type BracketInfo = Omit<Bracket, 'from' | 'to'>;

export interface BracketState {
  /**
   * The codings as a CodeMirror range set (the tints of the coded words, each
   * decoration's spec carrying its `BracketInfo` as `bracket`): mapped through
   * an edit in time proportional to what the edit touches, not to the number
   * of codings, and read for the viewport only.
   */
  brackets: DecorationSet;
  layout: LaneLayout;
  active: string | null;
  /** False when only the coded words are shown. */
  shown: boolean;
}

export interface BracketHandlers {
  /** The pointer is over a bracket (id) or left it (null). */
  hover(id: string | null): void;
  /** A bracket was clicked; `rect` is where it is on screen. */
  open(id: string, rect: DOMRect): void;
}

/** Between the text and the first lane. */
const GAP = 10;
/** Without a margin host, this much room beside the text. */
const DEFAULT_ROOM = 52;
/** Until the label face can be measured: an average advance at 11px. */
const CHAR_PX = 7.5;

/**
 * The margin brackets, as MAXQDA's and NVivo's coding stripes: one per
 * coding beside the lines it covers, codings that share a line in lanes side
 * by side (lanes from `assignLanes`), and every bracket's code name in one
 * column right of the lanes, level with the bracket's first row (pushed down
 * when names would meet), shortened to the column's width with the whole
 * name in the title. So no two brackets or names cover each other, and a
 * passage coded five times still shows five names. Only codings in CodeMirror's
 * viewport are measured and drawn, so a long transcript with many codings
 * costs what the screen shows. The layer is hidden from assistive
 * technology: the codings list in the side panel offers the same.
 *
 * The room is what the nearest `[data-tolk-margin]` ancestor leaves to the
 * right of the text (else a narrow default). Lanes narrow before names do;
 * only when even the narrowest lanes leave no useful column (a phone) are
 * the brackets drawn without names.
 */
export function bracketLayer(read: (state: EditorView['state']) => BracketState, handlers: BracketHandlers): Extension {
  let stop: (() => void) | null = null;
  let fitter: LabelFitter | null = null;
  const rows = new RowCache();
  return layer({
    above: true,
    class: 'tolk-stripes',
    update: (update) => {
      rows.update(update);
      return (
        update.docChanged ||
        update.viewportChanged ||
        update.geometryChanged ||
        read(update.startState) !== read(update.state)
      );
    },
    markers: (view) => markers(view, read(view.state), fitter, rows),
    mount: (dom) => {
      fitter = new LabelFitter(dom);
      stop = listen(dom, handlers);
    },
    destroy: () => {
      stop?.();
      stop = null;
    },
  });
}

/** Where a bracket's name stands, relative to the bracket's own box. */
interface LabelPlace {
  text: string;
  left: number;
  top: number;
  width: number;
}

class BracketMarker implements LayerMarker {
  constructor(
    readonly id: string,
    readonly left: number,
    readonly top: number,
    readonly height: number,
    readonly width: number,
    readonly color: string,
    readonly title: string,
    readonly active: boolean,
    /** The shortened code name and where it stands, or null when the margin is too narrow for names. */
    readonly label: LabelPlace | null,
  ) {}

  draw(): HTMLElement {
    const dom = document.createElement('div');
    dom.appendChild(document.createElement('span')).className = 'tolk-stripe__label';
    this.adjust(dom);
    return dom;
  }

  update(dom: HTMLElement, previous: LayerMarker): boolean {
    if (!(previous instanceof BracketMarker) || previous.id !== this.id) return false;
    this.adjust(dom);
    return true;
  }

  eq(other: LayerMarker): boolean {
    return (
      other instanceof BracketMarker &&
      other.id === this.id &&
      other.left === this.left &&
      other.top === this.top &&
      other.height === this.height &&
      other.width === this.width &&
      other.color === this.color &&
      other.title === this.title &&
      other.active === this.active &&
      sameLabel(other.label, this.label)
    );
  }

  private adjust(dom: HTMLElement): void {
    dom.className = `tolk-stripe${this.active ? ' tolk-stripe--active' : ''}${this.label ? ' tolk-stripe--labelled' : ''}`;
    dom.dataset['codingId'] = this.id;
    dom.title = this.title;
    dom.style.left = `${this.left}px`;
    dom.style.top = `${this.top}px`;
    dom.style.height = `${this.height}px`;
    dom.style.width = `${this.width}px`;
    dom.style.setProperty('--stripe-color', this.color);
    const label = dom.firstElementChild as HTMLElement;
    label.textContent = this.label?.text ?? '';
    label.style.left = `${this.label?.left ?? 0}px`;
    label.style.top = `${this.label?.top ?? 0}px`;
    label.style.maxWidth = `${this.label?.width ?? 0}px`;
  }
}

function sameLabel(a: LabelPlace | null, b: LabelPlace | null): boolean {
  if (!a || !b) return a === b;
  return a.text === b.text && a.left === b.left && a.top === b.top && a.width === b.width;
}

/** What a decoration of a `BracketState`'s set says about its coding. */
export function bracketInfo(decoration: Decoration): BracketInfo {
  return (decoration.spec as { bracket: BracketInfo }).bracket;
}

function markers(view: EditorView, state: BracketState, fitter: LabelFitter | null, rows: RowCache): LayerMarker[] {
  const { brackets, layout, active, shown } = state;
  if (!brackets.size || !shown) {
    rows.clear();
    return [];
  }
  const scroller = view.scrollDOM.getBoundingClientRect();
  const base = {
    left: scroller.left - view.scrollDOM.scrollLeft,
    top: scroller.top - view.scrollDOM.scrollTop,
  };
  const content = view.contentDOM.getBoundingClientRect();
  const lanes = Math.max(1, layout.count);
  const { pitch, labelWidth } = marginLayout(roomBeside(view, content), lanes);
  const x0 = Math.round(content.right - base.left + GAP);
  const labelX = x0 + lanes * pitch + LABEL_GAP;
  const { from: viewFrom, to: viewTo } = view.viewport;
  const drawn: { bracket: BracketInfo; lane: number; top: number; height: number }[] = [];
  rows.begin(view, content.width);
  brackets.between(viewFrom, viewTo, (from, to, decoration) => {
    const bracket = bracketInfo(decoration);
    const top = rows.top(view, from);
    const bottom = rows.bottom(view, to);
    if (bottom <= top) return;
    drawn.push({
      bracket,
      lane: layout.lanes.get(bracket.id) ?? 0,
      top: Math.round(top - base.top + 2),
      height: Math.round(bottom - top - 4),
    });
  });
  rows.end();
  // Names in reading order: by first row, inner lanes first (as a pointer meets them).
  drawn.sort((a, b) => a.top - b.top || a.lane - b.lane);
  const labelTops = stackLabels(drawn.map((d) => d.top));
  const out = drawn.map((d, i) => {
    const left = x0 + d.lane * pitch;
    const text =
      labelWidth === null
        ? null
        : fitter
          ? fitter.fit(d.bracket.label, labelWidth - LABEL_INSET)
          : shorten(d.bracket.label, labelWidth - LABEL_INSET);
    return new BracketMarker(
      d.bracket.id,
      left,
      d.top,
      d.height,
      labelWidth === null ? pitch : pitch - 2,
      d.bracket.color,
      d.bracket.title,
      d.bracket.id === active,
      text === null || labelWidth === null
        ? null
        : { text, left: labelX - left, top: labelTops[i] - d.top, width: labelWidth },
    );
  });
  // Inner lanes first: the DOM order then matches what a pointer meets.
  return out.sort((a, b) => a.left - b.left || a.top - b.top);
}

/** A name cut to what fits in `px` of width, with an ellipsis when cut. */
export function shorten(name: string, px: number): string {
  const fits = Math.max(1, Math.floor(px / CHAR_PX));
  if (name.length <= fits) return name;
  return `${name.slice(0, Math.max(1, fits - 1)).trimEnd()}…`;
}

/**
 * Shortens names to what fits, measured in the label's own face (a canvas
 * measures text without a layout), remembering each answer: the same few
 * code names come back at the same few lengths on every scroll.
 */
class LabelFitter {
  private context: CanvasRenderingContext2D | null | undefined;
  private spacing = 0;
  private readonly cache = new Map<string, string>();

  constructor(private readonly layerDom: HTMLElement) {}

  fit(name: string, px: number): string {
    const key = `${Math.floor(px)}\u0000${name}`;
    let fitted = this.cache.get(key);
    if (fitted === undefined) {
      fitted = this.measure(name, Math.floor(px) - 1);
      if (this.cache.size > 2000) this.cache.clear();
      this.cache.set(key, fitted);
    }
    return fitted;
  }

  private measure(name: string, px: number): string {
    const context = this.contextOf();
    if (!context) return shorten(name, px);
    const width = (text: string) => context.measureText(text).width + text.length * this.spacing;
    if (width(name) <= px) return name;
    // The longest start of the name that fits with its ellipsis.
    let low = 1;
    let high = name.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (width(`${name.slice(0, mid).trimEnd()}…`) <= px) low = mid;
      else high = mid - 1;
    }
    return `${name.slice(0, low).trimEnd()}…`;
  }

  /** The face of a label, read once from a hidden one (fonts load late: retried until known). */
  private contextOf(): CanvasRenderingContext2D | null {
    if (this.context !== undefined) return this.context;
    const probe = document.createElement('div');
    probe.className = 'tolk-stripe tolk-stripe--labelled';
    probe.style.visibility = 'hidden';
    const label = probe.appendChild(document.createElement('span'));
    label.className = 'tolk-stripe__label';
    this.layerDom.appendChild(probe);
    const style = getComputedStyle(label);
    const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    this.spacing = parseFloat(style.letterSpacing) || 0;
    probe.remove();
    const context = document.createElement('canvas').getContext('2d');
    if (!context || !style.fontFamily) return null;
    context.font = font;
    this.context = context;
    return context;
  }
}

/** The room right of the text: up to the margin host's right edge (its padding), never past the window. */
function roomBeside(view: EditorView, content: DOMRect): number {
  const host = view.dom.closest('[data-tolk-margin]');
  const right = host ? host.getBoundingClientRect().right : content.right + GAP + DEFAULT_ROOM;
  const limit = Math.min(right, document.documentElement.clientWidth - 4);
  return Math.max(12, limit - content.right - GAP);
}

/**
 * Where the rows of the brackets' ends are, kept from one drawing to the
 * next (document coordinates), so a keystroke measures again only the ends
 * in the lines it edited: measuring a position in the text asks the browser
 * for the rectangles of a DOM range, and a screen of a densely coded
 * transcript has a hundred bracket ends. Nothing is kept across a change of
 * any line's height or of the text's width (rows may have moved anywhere
 * below), and nothing estimated for a line not rendered is kept.
 */
class RowCache {
  private tops = new Map<number, number>();
  private bottoms = new Map<number, number>();
  /** Lines edited since the last drawing: their rows are measured again. */
  private dirty: { from: number; to: number }[] = [];
  private height = -1;
  private width = -1;
  private docTop = 0;
  private usedTops = new Map<number, number>();
  private usedBottoms = new Map<number, number>();

  /** Positions move with an edit; a change of geometry forgets everything. */
  update(update: ViewUpdate): void {
    if (update.geometryChanged) {
      this.clear();
      return;
    }
    if (!update.docChanged || (!this.tops.size && !this.bottoms.size)) return;
    const { changes } = update;
    const move = (rows: Map<number, number>, assoc: 1 | -1) => {
      const moved = new Map<number, number>();
      for (const [pos, y] of rows) moved.set(changes.mapPos(pos, assoc), y);
      return moved;
    };
    this.tops = move(this.tops, 1);
    this.bottoms = move(this.bottoms, -1);
    this.dirty = this.dirty.map((r) => ({ from: changes.mapPos(r.from, -1), to: changes.mapPos(r.to, 1) }));
    const doc = update.state.doc;
    changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
      this.dirty.push({ from: doc.lineAt(fromB).from, to: doc.lineAt(toB).to });
    });
  }

  clear(): void {
    this.tops.clear();
    this.bottoms.clear();
    this.dirty = [];
  }

  /** Before a drawing: what was kept holds only while no line's height and not the text's width changed. */
  begin(view: EditorView, width: number): void {
    if (view.contentHeight !== this.height || width !== this.width) this.clear();
    this.height = view.contentHeight;
    this.width = width;
    this.docTop = view.documentTop;
    this.usedTops = new Map();
    this.usedBottoms = new Map();
  }

  /** After a drawing: keep what it used (the ends on screen), nothing edited is pending. */
  end(): void {
    this.tops = this.usedTops;
    this.bottoms = this.usedBottoms;
    this.dirty = [];
  }

  /** Screen y of the top of the row holding `pos`; estimated for lines not rendered. */
  top(view: EditorView, pos: number): number {
    return this.row(view, pos, 1, this.tops, this.usedTops);
  }

  /** Screen y of the bottom of the row holding the character before `pos`. */
  bottom(view: EditorView, pos: number): number {
    return this.row(view, pos, -1, this.bottoms, this.usedBottoms);
  }

  private row(
    view: EditorView,
    pos: number,
    side: 1 | -1,
    kept: Map<number, number>,
    used: Map<number, number>,
  ): number {
    const known = kept.get(pos);
    if (known !== undefined && !this.dirty.some((r) => r.from <= pos && pos <= r.to)) {
      used.set(pos, known);
      return known + this.docTop;
    }
    const coords = view.coordsAtPos(pos, side);
    if (!coords) {
      const block = view.lineBlockAt(pos);
      return this.docTop + (side === 1 ? block.top : block.bottom);
    }
    const y = side === 1 ? coords.top : coords.bottom;
    used.set(pos, y - this.docTop);
    kept.set(pos, y - this.docTop);
    return y;
  }
}

function listen(dom: HTMLElement, handlers: BracketHandlers): () => void {
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
