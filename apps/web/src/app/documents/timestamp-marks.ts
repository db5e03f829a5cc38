import { type Extension, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import { textTimestamps } from '@tolk/contracts';

/** Which mark the recording is at now (the last one at or before the playing position), by its offset. */
export const setPlayingMark = StateEffect.define<number | null>();

export const playingMark = StateField.define<number | null>({
  create: () => null,
  update: (value, tr) => {
    for (const effect of tr.effects) if (effect.is(setPlayingMark)) return effect.value;
    return value === null ? null : tr.changes.mapPos(value);
  },
});

/**
 * `[00:12:34]` in the text is a time mark: drawn as a link-like chip that
 * plays the recording from there when clicked, the one being played set
 * apart. Only a mark over the typed characters, so offsets stay the text's.
 */
export function timestampMarks(options: { seek: (ms: number) => void; title: string }): Extension {
  const decoration = (ms: number, playing: boolean): Decoration =>
    Decoration.mark({
      class: playing ? 'tolk-timestamp tolk-timestamp--playing' : 'tolk-timestamp',
      attributes: { 'data-ms': String(ms), title: options.title },
    });
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;

      constructor(view: EditorView) {
        this.decorations = build(view, decoration);
      }

      update(update: ViewUpdate): void {
        const moved = update.startState.field(playingMark) !== update.state.field(playingMark);
        if (update.docChanged || update.viewportChanged || moved) this.decorations = build(update.view, decoration);
      }
    },
    {
      decorations: (p) => p.decorations,
      eventHandlers: {
        mousedown(event: MouseEvent) {
          const target = event.target instanceof HTMLElement ? event.target.closest('.tolk-timestamp') : null;
          if (!(target instanceof HTMLElement) || event.button !== 0 || event.shiftKey) return false;
          const ms = Number(target.dataset['ms']);
          if (Number.isFinite(ms)) options.seek(ms);
          // The caret still goes where the click was.
          return false;
        },
      },
    },
  );
  return [playingMark, plugin, theme];
}

/** Only the lines on screen. */
function build(view: EditorView, decoration: (ms: number, playing: boolean) => Decoration): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const playing = view.state.field(playingMark);
  const { doc } = view.state;
  let done = -1;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = Math.max(from, done + 1); pos <= to;) {
      const line = doc.lineAt(pos);
      for (const t of textTimestamps(line.text)) {
        const start = line.from + t.start;
        const end = line.from + line.text.indexOf(']', t.start) + 1;
        builder.add(start, end, decoration(t.ms, start === playing));
      }
      done = line.to;
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

const theme = EditorView.baseTheme({
  '.tolk-timestamp': {
    cursor: 'pointer',
    color: 'var(--mat-sys-primary, #3f51b5)',
    fontVariantNumeric: 'tabular-nums',
    borderRadius: '3px',
  },
  '.tolk-timestamp:hover': { textDecoration: 'underline' },
  '.tolk-timestamp--playing': {
    background: 'var(--mat-sys-primary-container, #e0e4ff)',
    outline: '1px solid var(--mat-sys-primary, #3f51b5)',
  },
});
