import * as Y from 'yjs';
import type { TranscriptSource } from '../documents/transcript-editor';

/**
 * A snapshot's text as a Y.Text of its own, for the transcript editor in
 * read-only mode: no provider, so nothing is sent and nobody else is in it.
 */
export class FrozenText implements TranscriptSource {
  private readonly doc = new Y.Doc();
  readonly text = this.doc.getText('content');
  readonly undoManager = new Y.UndoManager(this.text);
  readonly provider = null;

  constructor(content: string) {
    this.text.insert(0, content);
  }

  destroy(): void {
    this.undoManager.destroy();
    this.doc.destroy();
  }
}
