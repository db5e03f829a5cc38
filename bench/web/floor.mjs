// The floor of bench:web, bundled by esbuild into the page: the same
// CodeMirror view and y-codemirror.next binding as Tolk's transcript editor,
// on the same document over the same /collab endpoint, with nothing of Tolk's
// (no code highlights, margin, comment marks, toolbar or Angular). What Tolk's
// editor costs is its figures divided by these.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { yCollab } from 'y-codemirror.next';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** @type {{ documentId: string, token: string }} */
const config = JSON.parse(document.getElementById('bench-config')?.textContent ?? '{}');
const doc = new Y.Doc();
const text = doc.getText('content');
const origin = location.origin.replace(/^http/u, 'ws');
const provider = new WebsocketProvider(`${origin}/collab`, config.documentId, doc, {
  params: { token: config.token },
});
const view = new EditorView({
  parent: document.getElementById('editor') ?? document.body,
  state: EditorState.create({
    doc: '',
    extensions: [
      history(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      EditorView.lineWrapping,
      yCollab(text, provider.awareness),
    ],
  }),
});
// For the benchmark: place the cursor without a click.
Object.assign(window, { benchView: view, benchProvider: provider });
