import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import { lineSpeaker } from './transcript-lines';

const speakerMark = Decoration.mark({ class: 'tolk-speaker' });

/**
 * Sets "Intervjuer:" and "Informant 2:" at the start of a line apart, as the
 * reading view did. Only a mark over the existing characters: the text (and
 * every offset in it) stays exactly what the transcriber typed.
 */
export const speakerLabels = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;

    constructor(view: EditorView) {
      this.decorations = build(view);
    }

    update(update: ViewUpdate): void {
      if (update.docChanged || update.viewportChanged) this.decorations = build(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** Only the lines on screen: a long transcript costs no more than a short one. */
function build(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const { doc } = view.state;
  let done = -1;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = Math.max(from, done + 1); pos <= to;) {
      const line = doc.lineAt(pos);
      const speaker = lineSpeaker(line.text);
      if (speaker) {
        const from = line.from + speaker.start;
        builder.add(from, from + speaker.name.length + 1, speakerMark);
      }
      done = line.to;
      pos = line.to + 1;
    }
  }
  return builder.finish();
}
