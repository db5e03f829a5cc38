// `npm run bench:hostile-uploads` (issue #17, finding 1): five hostile uploads
// at once against one Tolk instance, while GET /api/health is timed every
// 20 ms and a stock Yjs client's round trip (an edit by one client until a
// second client sees it) every 100 ms. Prints p50/p99 of both before and
// during the uploads, and how each upload was answered.
//
// The uploads: two .docx of ~60 KB holding 19 MiB of empty `<w:p/>` (the
// reproduction), one .docx holding 19 MiB of paragraphs that pack like real
// text (past the zip guard's ratio check, so the parser's own limits must
// hold), and two .qdpx whose project XML is 8 MiB.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import * as Y from 'yjs';
import { checkBuild, cleanups, f1, options, printTable, runMain } from './lib/harness.mjs';
import { startInstance, startPostgres } from './lib/cluster.mjs';
import { api, connect, disconnect, now, percentile, sleep, whenSynced } from './sync/lib.mjs';

const MiB = 1024 * 1024;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** `part(i)` repeated until about `bytes`, between `head` and `tail`. */
function repeated(head, part, tail, bytes) {
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const p = part(i);
    parts.push(p);
    size += p.length;
  }
  parts.push(tail);
  return parts.join('');
}

async function zip(files) {
  const archive = new JSZip();
  for (const [name, content] of Object.entries(files)) archive.file(name, content);
  return archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

const docx = (part) =>
  zip({
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/></Types>',
    'word/document.xml': repeated(
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`,
      part,
      '</w:body></w:document>',
      19 * MiB,
    ),
  });

const qdpx = () =>
  zip({
    'project.qde': repeated(
      '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Fiendtlig"><CodeBook><Codes>',
      (i) => `<Code guid="${randomUUID()}" name="Kode ${i}" isCodable="true"/>`,
      '</Codes></CodeBook></Project>',
      8 * MiB,
    ),
  });

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

/** Times GET /api/health every `everyMs` until stopped. */
function sampleHealth(baseUrl, everyMs = 20) {
  const samples = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = now();
      await (await fetch(`${baseUrl}/api/health`)).text();
      samples.push(now() - started);
      await sleep(everyMs);
    }
  })();
  return async () => {
    running = false;
    await done;
    return samples;
  };
}

/** One client edits, the other waits to see the edit: the round trip through the server, every `everyMs`. */
function sampleRoundTrip(writer, reader, everyMs = 100) {
  const samples = [];
  const text = reader.doc.getText('content');
  let running = true;
  const done = (async () => {
    for (let seq = 0; running; seq++) {
      const mark = `⟦rt${seq}⟧`;
      const started = now();
      const seen = new Promise((resolve) => {
        const check = () => {
          if (!text.toString().includes(mark)) return;
          text.unobserve(check);
          resolve(undefined);
        };
        text.observe(check);
      });
      writer.doc.getText('content').insert(0, mark);
      await Promise.race([seen, sleep(30_000)]);
      samples.push(now() - started);
      await sleep(everyMs);
    }
  })();
  return async () => {
    running = false;
    await done;
    return samples;
  };
}

async function main() {
  const { common, num } = options(process.argv.slice(2));
  const s = { ...common, baseline: num('baseline', 'BENCH_BASELINE', common.quick ? 2 : 5) };
  const build = checkBuild(s.build);
  const postgres = await startPostgres();
  cleanups.push(() => postgres.close());
  const instance = await startInstance({ name: 'A', databaseUrl: await postgres.createDatabase('hostile') });
  cleanups.push(() => instance.stop());
  const { baseUrl, wsUrl } = instance;

  const user = { email: 'hostile@tolk.example', password: 'Fjellvann-Kaffekopp-1987', name: 'Hostile' };
  await api(baseUrl, 'POST', '/api/auth/register', { body: user });
  const { accessToken: token } = await api(baseUrl, 'POST', '/api/auth/login', {
    body: { email: user.email, password: user.password },
  });
  const project = await api(baseUrl, 'POST', '/api/projects', { body: { name: 'Hostile uploads' }, token });
  const document = await api(baseUrl, 'POST', `/api/projects/${project.id}/documents`, {
    body: { title: 'Intervju', text: 'Intervjuer: Hei.\n' },
    token,
  });
  const server = { kind: 'tolk', wsUrl };
  const writer = connect(server, document.id, new Y.Doc(), token);
  const reader = connect(server, document.id, new Y.Doc(), token);
  cleanups.push(async () => [writer, reader].forEach(disconnect));
  await Promise.all([whenSynced(writer), whenSynced(reader)]);

  console.log('Building the hostile files…');
  /** @type {[string, Buffer, string, 'documents' | 'import'][]} */
  const files = [
    ['docx: 19 MiB of <w:p/>', await docx(() => '<w:p/>'), 'bombe-1.docx', 'documents'],
    ['docx: 19 MiB of <w:p/>', await docx(() => '<w:p/>'), 'bombe-2.docx', 'documents'],
    [
      'docx: 19 MiB of text-like paragraphs',
      await docx((i) => `<w:p><w:r><w:t>${i % 3 ? '' : `Linje ${(i * 7919) % 100_003}`}</w:t></w:r></w:p>`),
      'tung.docx',
      'documents',
    ],
    ['qdpx: 8 MiB project XML', await qdpx(), 'fiendtlig-1.qdpx', 'import'],
    ['qdpx: 8 MiB project XML', await qdpx(), 'fiendtlig-2.qdpx', 'import'],
  ];

  console.log(`Baseline: ${s.baseline} s without uploads…`);
  let stopHealth = sampleHealth(baseUrl);
  let stopRoundTrip = sampleRoundTrip(writer, reader);
  await sleep(s.baseline * 1000);
  const baseline = { health: stats(await stopHealth()), roundTrip: stats(await stopRoundTrip()) };

  console.log('Five hostile uploads at once…');
  stopHealth = sampleHealth(baseUrl);
  stopRoundTrip = sampleRoundTrip(writer, reader);
  const started = now();
  const outcomes = await Promise.all(
    files.map(async ([what, bytes, filename, route]) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), filename);
      const path = route === 'import' ? '/api/projects/import' : `/api/projects/${project.id}/documents`;
      const t0 = now();
      const response = await fetch(baseUrl + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      const body = /** @type {{ reason?: string }} */ (await response.json().catch(() => ({})));
      return { what, kb: bytes.length / 1024, status: response.status, reason: body.reason ?? '', ms: now() - t0 };
    }),
  );
  const wallMs = now() - started;
  await sleep(500); // a tail after the last answer
  const during = { health: stats(await stopHealth()), roundTrip: stats(await stopRoundTrip()) };

  printTable([
    ['upload', 'size KB', 'status', 'reason', 'answered after ms'],
    ...outcomes.map((o) => [o.what, f1(o.kb), String(o.status), o.reason, f1(o.ms)]),
  ]);
  printTable([
    ['measure', 'phase', 'samples', 'p50 ms', 'p99 ms', 'max ms'],
    .../** @type {[string, ReturnType<typeof stats>, ReturnType<typeof stats>][]} */ ([
      ['GET /api/health', baseline.health, during.health],
      ['Yjs round trip', baseline.roundTrip, during.roundTrip],
    ]).flatMap(([name, before, while_]) => [
      [name, 'baseline', String(before.n), f1(before.p50), f1(before.p99), f1(before.max)],
      [name, 'during uploads', String(while_.n), f1(while_.p50), f1(while_.p99), f1(while_.max)],
    ]),
  ]);
  console.log(`All five answered within ${f1(wallMs)} ms.`);
  if (s.json) writeFileSync(s.json, JSON.stringify({ build, baseline, during, outcomes, wallMs }, null, 2));
}

runMain(main);
