import type { Extension } from '@codemirror/state';
import { EditorView, type LayerMarker, layer } from '@codemirror/view';

/** Between a number's right edge and the text (the focus bar sits in between). */
const GAP = 18;
const WIDTH = 40;

/**
 * Line numbers in the left margin, for citing the transcript («Informant 2,
 * linje 45–47»). A line is a paragraph or turn of speech, however the screen
 * wraps it (`textLines` in @tolk/contracts numbers the same way for the
 * server, the segments list and the exports); the number stands at its first
 * row. A text that ends with a line break has no number after it. Only the
 * lines CodeMirror renders get a number, and the layer is hidden from
 * assistive technology (a citation is given in words where a quote is shown).
 */
export const lineNumbers: Extension = [
  layer({
    above: false,
    class: 'tolk-line-numbers',
    update: (update) => update.docChanged || update.viewportChanged || update.geometryChanged,
    markers: (view) => markers(view),
  }),
  EditorView.baseTheme({
    '.tolk-line-number': {
      width: `${WIDTH}px`,
      textAlign: 'right',
      fontFamily: 'var(--mat-sys-body-large-font, sans-serif)',
      fontSize: '0.6875rem',
      fontVariantNumeric: 'tabular-nums',
      color: 'var(--mat-sys-on-surface-variant, #555)',
      userSelect: 'none',
    },
  }),
];

class LineNumber implements LayerMarker {
  constructor(
    readonly n: number,
    readonly left: number,
    readonly top: number,
    readonly height: number,
  ) {}

  draw(): HTMLElement {
    const dom = document.createElement('div');
    dom.className = 'tolk-line-number';
    this.adjust(dom);
    return dom;
  }

  update(dom: HTMLElement, previous: LayerMarker): boolean {
    if (!(previous instanceof LineNumber)) return false;
    this.adjust(dom);
    return true;
  }

  eq(other: LayerMarker): boolean {
    return (
      other instanceof LineNumber &&
      other.n === this.n &&
      other.left === this.left &&
      other.top === this.top &&
      other.height === this.height
    );
  }

  private adjust(dom: HTMLElement): void {
    dom.textContent = String(this.n);
    dom.dataset['line'] = String(this.n);
    dom.style.left = `${this.left}px`;
    dom.style.top = `${this.top}px`;
    dom.style.height = `${this.height}px`;
    dom.style.lineHeight = `${this.height}px`;
  }
}

function markers(view: EditorView): LayerMarker[] {
  const doc = view.state.doc;
  const scroller = view.scrollDOM.getBoundingClientRect();
  const baseLeft = scroller.left - view.scrollDOM.scrollLeft;
  const baseTop = scroller.top - view.scrollDOM.scrollTop;
  const left = view.contentDOM.getBoundingClientRect().left - baseLeft - GAP - WIDTH;
  const row = view.defaultLineHeight;
  const out: LineNumber[] = [];
  for (const block of view.viewportLineBlocks) {
    const line = doc.lineAt(block.from);
    if (line.from !== block.from) continue;
    // Nothing to cite after a final line break.
    if (line.number === doc.lines && line.length === 0 && doc.lines > 1) continue;
    const top = view.documentTop + block.top - baseTop;
    out.push(new LineNumber(line.number, Math.round(left), Math.round(top), Math.round(row)));
  }
  return out;
}
