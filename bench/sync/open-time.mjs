// Time to open a persisted transcript: a forked process (driven by run.mjs
// over IPC) that writes ~300 edits of history through the stock client, and
// then times fresh clients from `new WebsocketProvider` to `synced`.
//   prepare → open (repeatedly) → close
import * as Y from 'yjs';
import { connect, disconnect, hash, now, random, sleep, whenSynced } from './lib.mjs';

const WORDS = ['altså', 'liksom', 'egentlig', 'ja', 'nei', 'kanskje', 'veldig', 'sånn', 'øh', 'jo'];

/**
 * Writes `edits` small edits (inserts of a word, deletes of a few characters),
 * each its own transaction and so its own update, and waits until a second
 * client has them all (Tolk forwards only what it has committed).
 */
async function prepare({ server, room, token, text, edits, seed }) {
  const rand = random(seed);
  const editor = connect(server, room, new Y.Doc(), token);
  const observer = connect(server, room, new Y.Doc(), token);
  await Promise.all([whenSynced(editor), whenSynced(observer)]);
  const content = editor.doc.getText('content');
  if (content.length === 0) content.insert(0, text); // the reference has no REST: the first client writes it
  for (let i = 0; i < edits; i++) {
    const length = content.length;
    if (rand() < 0.6) {
      const word = WORDS[Math.floor(rand() * WORDS.length)];
      const current = content.toString();
      let at = Math.floor(rand() * length);
      while (at > 0 && current[at - 1] !== ' ') at--; // at a word boundary
      content.insert(at, `${word} `);
    } else {
      content.delete(Math.floor(rand() * (length - 8)), 1 + Math.floor(rand() * 6));
    }
    await sleep(2); // one message per edit, as typing would send them
  }
  const expected = content.toString();
  const observed = observer.doc.getText('content');
  const deadline = now() + 30_000;
  while (observed.toString() !== expected) {
    if (now() > deadline) throw new Error('the observer did not receive the history within 30 s');
    await sleep(50);
  }
  const bytes = Y.encodeStateAsUpdate(editor.doc).length;
  disconnect(editor);
  disconnect(observer);
  await sleep(100);
  return { bytes, hash: hash(expected), chars: expected.length, words: expected.split(/\s+/).length };
}

async function open({ server, room, token, expectHash }) {
  const started = now();
  const provider = connect(server, room, new Y.Doc(), token);
  await whenSynced(provider);
  const ms = now() - started;
  const text = provider.doc.getText('content').toString();
  disconnect(provider);
  await sleep(100);
  if (hash(text) !== expectHash) throw new Error('the opened transcript differs from what was written');
  return { ms };
}

const handlers = { prepare, open, close: () => setImmediate(() => process.exit(0)) };
process.on('message', (/** @type {any} */ message) => {
  Promise.resolve(handlers[message.cmd](message)).then(
    (result) => process.send({ type: 'done', ...result }),
    (error) => process.send({ type: 'error', error: error.stack ?? String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
