import { type EditorState, type Extension, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, type LayerMarker, layer } from '@codemirror/view';
import type { TextRange } from './coding.store';

/** The selected coding, whose ends get handles. */
export interface ResizeTarget {
  id: string;
  from: number;
  to: number;
  color: string;
}

export type Edge = 'start' | 'end';

export interface ResizeHandlers {
  /** A handle was let go: the new extent (already snapped to whole words). */
  resize(id: string, range: TextRange): void;
}

export const setResizeTarget = StateEffect.define<ResizeTarget | null>();
/** The extent shown while a handle is dragged or a key moves an end, before it is saved. */
export const setResizePreview = StateEffect.define<TextRange | null>();

interface ResizeState {
  target: ResizeTarget | null;
  preview: TextRange | null;
}

const field = StateField.define<ResizeState>({
  create: () => ({ target: null, preview: null }),
  update(value, tr) {
    let next = value;
    if (tr.docChanged && (value.target || value.preview)) {
      const map = (r: TextRange) => ({ from: tr.changes.mapPos(r.from, 1), to: tr.changes.mapPos(r.to, -1) });
      next = {
        target: value.target && { ...value.target, ...map(value.target) },
        preview: value.preview && map(value.preview),
      };
    }
    for (const effect of tr.effects) {
      if (effect.is(setResizeTarget)) {
        const target = effect.value;
        // Another coding, or the saved extent arrived: the preview has done its work.
        const keep = target && next.target?.id === target.id && next.preview;
        next = { target, preview: keep && !(keep.from === target.from && keep.to === target.to) ? keep : null };
      } else if (effect.is(setResizePreview)) {
        next = { ...next, preview: next.target ? effect.value : null };
      }
    }
    return next;
  },
  provide: (f) =>
    EditorView.decorations.from(f, (state) => {
      const p = state.preview;
      return p && p.from < p.to
        ? Decoration.set([Decoration.mark({ class: 'tolk-resize-preview' }).range(p.from, p.to)])
        : Decoration.none;
    }),
});

/** The extent the handles stand at now: the preview while there is one. */
export function resizeExtent(state: EditorState): (TextRange & { id: string }) | null {
  const { target, preview } = state.field(field);
  return target ? { id: target.id, ...(preview ?? target) } : null;
}

/**
 * Handles on the selected coding's two ends, to drag them over the words: a
 * segment coded one word short is fixed where it is read. The ends snap to
 * whole words and a segment keeps at least one character. While dragging,
 * the new extent is outlined; letting go hands it to the page, which saves
 * it as a new version of the coding. The keyboard does the same from the
 * coding's card (`nudgeRange`).
 */
export function resizeHandles(handlers: ResizeHandlers): Extension {
  return [field, handleLayer(handlers), handleTheme];
}

function handleLayer(handlers: ResizeHandlers): Extension {
  let stop: (() => void) | null = null;
  let current: EditorView | null = null;
  return [
    EditorView.updateListener.of((update) => {
      current = update.view;
    }),
    layer({
      above: true,
      class: 'tolk-handles',
      update: (update) =>
        update.docChanged ||
        update.viewportChanged ||
        update.geometryChanged ||
        update.startState.field(field) !== update.state.field(field),
      markers: (view) => {
        current = view;
        return handleMarkers(view);
      },
      mount: (dom, view) => {
        current = view;
        stop = drag(dom, () => current, handlers);
      },
      destroy: () => {
        stop?.();
        stop = null;
      },
    }),
  ];
}

class HandleMarker implements LayerMarker {
  constructor(
    readonly edge: Edge,
    readonly left: number,
    readonly top: number,
    readonly height: number,
    readonly color: string,
  ) {}

  draw(): HTMLElement {
    const dom = document.createElement('div');
    this.adjust(dom);
    return dom;
  }

  update(dom: HTMLElement, previous: LayerMarker): boolean {
    if (!(previous instanceof HandleMarker) || previous.edge !== this.edge) return false;
    this.adjust(dom);
    return true;
  }

  eq(other: LayerMarker): boolean {
    return (
      other instanceof HandleMarker &&
      other.edge === this.edge &&
      other.left === this.left &&
      other.top === this.top &&
      other.height === this.height &&
      other.color === this.color
    );
  }

  private adjust(dom: HTMLElement): void {
    dom.className = `tolk-handle tolk-handle--${this.edge}`;
    dom.dataset['edge'] = this.edge;
    dom.style.left = `${this.left}px`;
    dom.style.top = `${this.top}px`;
    dom.style.height = `${this.height}px`;
    dom.style.setProperty('--handle-color', this.color);
  }
}

function handleMarkers(view: EditorView): LayerMarker[] {
  const { target } = view.state.field(field);
  const extent = resizeExtent(view.state);
  if (!target || !extent || extent.from >= extent.to) return [];
  const scroller = view.scrollDOM.getBoundingClientRect();
  const baseLeft = scroller.left - view.scrollDOM.scrollLeft;
  const baseTop = scroller.top - view.scrollDOM.scrollTop;
  const out: HandleMarker[] = [];
  const start = view.coordsAtPos(extent.from, 1);
  const end = view.coordsAtPos(extent.to, -1);
  if (start)
    out.push(
      new HandleMarker('start', start.left - baseLeft, start.top - baseTop, start.bottom - start.top, target.color),
    );
  if (end)
    out.push(new HandleMarker('end', end.right - baseLeft, end.top - baseTop, end.bottom - end.top, target.color));
  return out;
}

/** Dragging a handle: window-wide listeners from press to release, so the pointer may leave the handle. */
function drag(dom: HTMLElement, viewOf: () => EditorView | null, handlers: ResizeHandlers): () => void {
  const down = (event: PointerEvent) => {
    const handle = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('.tolk-handle') : null;
    const view = viewOf();
    const extent = view ? resizeExtent(view.state) : null;
    if (!handle || !view || !extent || event.button !== 0) return;
    // Not a text selection, and focus stays where it is (the coding's card).
    event.preventDefault();
    event.stopPropagation();
    const edge = handle.dataset['edge'] === 'start' ? 'start' : 'end';
    let range: TextRange = { from: extent.from, to: extent.to };
    const move = (e: PointerEvent) => {
      const pos = view.posAtCoords({ x: e.clientX, y: e.clientY }, false);
      const next = dragTo(view.state, range, edge, pos);
      if (next.from === range.from && next.to === range.to) return;
      range = next;
      view.dispatch({ effects: setResizePreview.of(range) });
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      // The click that ends a drag is not a click on the page (it would close the card).
      const swallow = (e: MouseEvent) => e.stopPropagation();
      window.addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
      if (range.from !== extent.from || range.to !== extent.to) handlers.resize(extent.id, range);
      else view.dispatch({ effects: setResizePreview.of(null) });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  };
  // Pressing a handle must not move focus away from the coding's card (its keys resize too).
  const keepFocus = (event: MouseEvent) => {
    if (event.target instanceof HTMLElement && event.target.closest('.tolk-handle')) event.preventDefault();
  };
  dom.addEventListener('pointerdown', down);
  dom.addEventListener('mousedown', keepFocus);
  return () => {
    dom.removeEventListener('pointerdown', down);
    dom.removeEventListener('mousedown', keepFocus);
  };
}

/** Where an end dragged to `pos` lands: the edge of the word there, keeping the segment at least one character. */
function dragTo(state: EditorState, range: TextRange, edge: Edge, pos: number): TextRange {
  const word = state.wordAt(pos);
  if (edge === 'end') {
    const to = word ? word.to : pos;
    return to > range.from ? { from: range.from, to } : range;
  }
  const from = word ? word.from : pos;
  return from < range.to ? { from, to: range.to } : range;
}

const isWord = (ch: string): boolean => /[\p{L}\p{N}]/u.test(ch);

/**
 * Move one end of a segment by a word: `dir` 1 moves it right, -1 left.
 * The end moved right takes in the next word, left gives up the last one;
 * the start moved left takes in the word before, right gives up the first.
 * A segment never shrinks to nothing.
 */
export function nudgeRange(
  text: (from: number, to: number) => string,
  length: number,
  range: TextRange,
  edge: Edge,
  dir: 1 | -1,
): TextRange {
  const at = (i: number) => text(i, i + 1);
  let i = edge === 'end' ? range.to : range.from;
  if (dir === 1) {
    const limit = edge === 'end' ? length : range.to;
    if (edge === 'end') {
      while (i < limit && !isWord(at(i))) i++;
      while (i < limit && isWord(at(i))) i++;
    } else {
      while (i < limit && isWord(at(i))) i++;
      while (i < limit && !isWord(at(i))) i++;
    }
    if (i >= limit && edge === 'start') return range;
  } else {
    const limit = edge === 'end' ? range.from : 0;
    if (edge === 'end') {
      while (i > limit && !isWord(at(i - 1))) i--;
      while (i > limit && isWord(at(i - 1))) i--;
      while (i > limit && !isWord(at(i - 1))) i--;
      if (i <= limit) return range;
    } else {
      while (i > limit && !isWord(at(i - 1))) i--;
      while (i > limit && isWord(at(i - 1))) i--;
    }
  }
  return edge === 'end' ? { from: range.from, to: i } : { from: i, to: range.to };
}

const handleTheme = EditorView.baseTheme({
  '.tolk-handle': {
    width: '14px',
    marginLeft: '-7px',
    cursor: 'ew-resize',
    pointerEvents: 'auto',
    touchAction: 'none',
  },
  // A bar at the end of the words and a knob to take hold of.
  '.tolk-handle::before': {
    content: '""',
    position: 'absolute',
    left: '6px',
    top: '0',
    bottom: '0',
    width: '2px',
    background: 'var(--handle-color)',
  },
  '.tolk-handle::after': {
    content: '""',
    position: 'absolute',
    left: '2px',
    width: '10px',
    height: '10px',
    borderRadius: '50%',
    background: 'var(--handle-color)',
    boxShadow: '0 0 0 2px var(--mat-sys-surface, #fff)',
  },
  '.tolk-handle--start::after': { top: '-6px' },
  '.tolk-handle--end::after': { bottom: '-6px' },
  '.tolk-resize-preview': {
    outline: '1px dashed var(--mat-sys-primary, #1a5fb4)',
    outlineOffset: '1px',
  },
});
