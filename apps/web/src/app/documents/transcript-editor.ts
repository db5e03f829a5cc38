import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
} from '@angular/core';
import { defaultKeymap } from '@codemirror/commands';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type { CollabSession } from '../core/collab/collab-session';
import { speakerLabels } from './speaker-labels';
import { transcriptTheme } from './transcript-theme';

/**
 * The live transcript: CodeMirror 6 bound to the document's Y.Text.
 *
 * Why CodeMirror 6 and not a rich-text editor: a transcript is plain text,
 * and that is the data model. It is one Y.Text, and codings and comments
 * anchor to UTF-16 offsets in it (API.md), so the editor must not add
 * structure of its own; ProseMirror would impose a rich-text schema that we
 * do not model. CodeMirror renders only what is on screen, so a 15,000-word
 * interview stays quick, and y-codemirror.next binds it to Yjs with remote
 * cursors and selections labelled by name. The theme makes it read like the
 * page it replaced: a serif face, a comfortable measure, wrapped lines, no
 * gutters or line numbers.
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

  readonly session = input.required<CollabSession>();
  readonly readOnly = input(false);
  /** The accessible name of the text area, e.g. "Transcript text". */
  readonly label = input.required<string>();
  /** Shown in an empty document. */
  readonly emptyText = input('');

  private view: EditorView | null = null;
  private readonly editable = new Compartment();
  private readonly attributes = new Compartment();
  private readonly empty = new Compartment();

  constructor() {
    afterNextRender(() => this.create());
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
    inject(DestroyRef).onDestroy(() => {
      this.view?.destroy();
      this.view = null;
    });
  }

  private create(): void {
    const session = this.session();
    const extensions: Extension[] = [
      // Undo and redo go through the Y.UndoManager: only one's own edits.
      keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
      EditorView.lineWrapping,
      this.editable.of(editability(this.readOnly())),
      this.attributes.of(contentAttributes(this.label(), this.readOnly())),
      this.empty.of(this.emptyText() ? placeholder(this.emptyText()) : []),
      speakerLabels,
      transcriptTheme,
      yCollab(session.text, session.provider.awareness, { undoManager: session.undoManager }),
    ];
    this.view = new EditorView({
      parent: this.host.nativeElement,
      state: EditorState.create({ doc: session.text.toString(), extensions }),
    });
  }
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
