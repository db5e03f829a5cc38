// `npm run bench:snapshots`: how much a project's snapshots take in
// PostgreSQL. Starts the built api in this process on a fresh embedded
// PostgreSQL, makes a project of 30 transcripts (6,000 words each, 40
// codings each), then takes 20 snapshots with some work between them
// (a live edit in one transcript, codings added in two) and prints the bytes
// after each, against what full copies would take.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { api, BENCH_REGISTRATIONS, connect, disconnect, signUp, transcript, whenSynced } from '../sync/lib.mjs';

const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DOCUMENTS = flag('documents', 30);
const SNAPSHOTS = flag('snapshots', 20);
const WORDS = flag('words', 6_000);
const CODINGS = flag('codings', 40);

const built = (path) =>
  import(new URL(`../../dist/apps/api/${path}`, import.meta.url).href).catch(() => {
    throw new Error('Build the api first: npm run build:libs && npm run build:api');
  });
const { startTolk } = await built('bootstrap.js');
const { loadSettings } = await built('config/settings.js');
const dataDir = mkdtempSync(join(tmpdir(), 'tolk-bench-snapshots-'));
// The settings Tolk would read from this environment (every setting at its default but these).
const settings = loadSettings({
  PORT: '0',
  HOST: '127.0.0.1',
  TOLK_DATA_DIR: dataDir,
  TOLK_DEMO: '0',
  TOLK_ALLOW_REGISTRATION: '1',
  ...BENCH_REGISTRATIONS,
});
const tolk = await startTolk(settings, { logLevels: ['error', 'fatal'] });
const db = new pg.Client({ connectionString: tolk.databaseUrl });
await db.connect();
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

try {
  const base = tolk.url;
  const { token } = await signUp(base, { email: 'bench@tolk.example', name: 'Bench' });
  const project = await api(base, 'POST', '/api/projects', { token, body: { name: 'Bench' } });
  const codes = [];
  for (const name of ['Reaksjoner', 'Spredning', 'Kvalitet', 'Relasjoner', 'Tilknytning', 'Digitalisering', 'Annet']) {
    codes.push(await api(base, 'POST', `/api/projects/${project.id}/codes`, { token, body: { name } }));
  }
  const documents = [];
  let textBytes = 0;
  for (let i = 0; i < DOCUMENTS; i++) {
    const text = transcript(WORDS, 100 + i);
    textBytes += Buffer.byteLength(text);
    documents.push({
      ...(await api(base, 'POST', `/api/projects/${project.id}/documents`, {
        token,
        body: { title: `Informant ${i + 1}`, text },
      })),
      text,
    });
  }
  const addCodings = async (document, n, seed) => {
    for (let k = 0; k < n; k++) {
      const start = Math.floor(((k + seed * 0.37) / n) * (document.text.length - 200)) % (document.text.length - 200);
      const body = { codeId: codes[(k + seed) % codes.length].id, start, end: start + 40 + ((k * 13) % 120) };
      await api(base, 'POST', `/api/documents/${document.id}/codings`, { token, body });
    }
  };
  for (const [i, document] of documents.entries()) await addCodings(document, CODINGS, i);
  console.log(
    `project: ${DOCUMENTS} transcripts × ${WORDS} words (${kb(textBytes)} of text), ${DOCUMENTS * CODINGS} codings, ${codes.length} codes`,
  );

  const size = async () => {
    const [r] = (
      await db.query(`SELECT
        (SELECT count(*) FROM snapshot_blobs)::int AS blobs,
        (SELECT coalesce(sum(octet_length(bytes)), 0) FROM snapshot_blobs)::bigint AS blob_bytes,
        (pg_total_relation_size('snapshot_blobs') + pg_total_relation_size('snapshot_documents') + pg_total_relation_size('snapshots'))::bigint AS on_disk`)
    ).rows;
    return { blobs: r.blobs, blobBytes: Number(r.blob_bytes), onDisk: Number(r.on_disk) };
  };
  const empty = await size();
  let fullCopies = 0;
  const rows = [];
  for (let s = 0; s < SNAPSHOTS; s++) {
    if (s > 0) {
      // Work between snapshots: one transcript corrected live, codings in two.
      const document = documents[s % DOCUMENTS];
      const doc = new Y.Doc();
      const provider = connect({ kind: 'tolk', wsUrl: base.replace(/^http/, 'ws') }, document.id, doc, token);
      await whenSynced(provider);
      doc.getText('content').insert(200 + s, ` (rettet ${s})`);
      await new Promise((r) => setTimeout(r, 300));
      disconnect(provider);
      await addCodings(documents[(s * 7) % DOCUMENTS], 3, 1000 + s);
      await addCodings(documents[(s * 11) % DOCUMENTS], 3, 2000 + s);
    }
    const started = performance.now();
    const snapshot = await api(base, 'POST', `/api/projects/${project.id}/snapshots`, {
      token,
      body: { name: `Snapshot ${s + 1}` },
    });
    const took = performance.now() - started;
    // What storing every part again would take: the sizes of the blobs this snapshot refers to.
    const [{ bytes }] = (
      await db.query(
        `SELECT coalesce(sum(octet_length(b.bytes)), 0)::bigint AS bytes FROM snapshot_blobs b WHERE b.hash IN (
           SELECT unnest(ARRAY[state_hash, text_hash, codings_hash, comments_hash]) FROM snapshot_documents WHERE snapshot_id = $1
           UNION SELECT unnest(ARRAY[codebook_hash, extras_hash]) FROM snapshots WHERE id = $1)`,
        [snapshot.id],
      )
    ).rows;
    fullCopies += Number(bytes);
    const now = await size();
    rows.push({
      snapshot: s + 1,
      ms: Math.round(took),
      blobs: now.blobs,
      stored: kb(now.blobBytes),
      onDisk: kb(now.onDisk - empty.onDisk),
      copies: kb(fullCopies),
    });
  }
  console.table(rows);
  const last = await size();
  console.log(
    `after ${SNAPSHOTS} snapshots: ${kb(last.blobBytes)} in ${last.blobs} blobs (${kb(last.onDisk - empty.onDisk)} on disk with rows and indexes, TOAST-compressed), ` +
      `against ${kb(fullCopies)} for full copies (${(fullCopies / last.blobBytes).toFixed(1)}×); the first snapshot alone: ${rows[0].stored}`,
  );
} finally {
  await db.end();
  await tolk.close();
  rmSync(dataDir, { recursive: true, force: true });
}
