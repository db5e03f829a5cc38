// `npm run bench:analysis`: a thesis-sized project (50 transcripts of ~6,000
// words, ~10,000 codings by 2 coders over 40 codes), then the time of every
// analysis endpoint and export, measured over HTTP against the built api on
// a fresh embedded PostgreSQL. Targets: each query < 300 ms, the DOCX < 2 s.
import { execSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { createAnchors, encodeAnchor } from '@tolk/anchoring';
import {
  api,
  BENCH_REGISTRATIONS,
  freePort,
  median,
  percentile,
  random,
  startProcess,
  stopProcess,
  transcript,
  addMember,
  signUp,
} from '../sync/lib.mjs';

const root = new URL('../..', import.meta.url).pathname;
const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = Number(i >= 0 ? process.argv[i + 1] : fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
const S = {
  documents: flag('documents', 50),
  words: flag('words', 6000),
  codings: flag('codings', 10_000),
  codes: flag('codes', 40),
  runs: flag('runs', 7),
};
const QUERY_TARGET_MS = 300;
const DOCX_TARGET_MS = 2000;

if (!existsSync(join(root, 'dist/apps/api/main.js')) || process.argv.includes('--build')) {
  console.log('Building the api (npm run build:libs && npm run build:api)…');
  execSync('npm run --silent build:libs && npm run --silent build:api', { cwd: root, stdio: 'inherit' });
}

const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-analysis-'));
chmodSync(dir, 0o755); // the postgres user must traverse it
const port = await freePort();
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  TOLK_DATA_DIR: dir,
  TOLK_DEMO: '0',
  TOLK_ALLOW_REGISTRATION: '1',
  ...BENCH_REGISTRATIONS,
};
for (const key of ['DATABASE_URL', 'REDIS_URL', 'TOLK_SECRET', 'TOLK_PG_PORT']) delete env[key];
const server = await startProcess({
  command: process.execPath,
  args: [join(root, 'dist/apps/api/main.js')],
  cwd: root,
  env,
  ready: /Tolk is ready at (http:\/\/\S+)/,
});
const base = server.match[1];
const db = new pg.Client({ connectionString: readFileSync(join(dir, 'database-url'), 'utf8').trim() });
db.on('error', () => {});

try {
  await db.connect();
  const setupStarted = performance.now();
  const { projectId, token, codeIds } = await setUp();
  console.log(
    `Set up ${S.documents} transcripts, ${S.codes} codes and ${S.codings} codings in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s.`,
  );
  const results = await measure(projectId, token, codeIds);
  print(results);
} finally {
  await db.end().catch(() => {});
  await stopProcess(server.child);
  rmSync(dir, { recursive: true, force: true });
}

async function setUp() {
  const users = [];
  for (const name of ['Bench Student', 'Bench Veileder']) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@bench.example`;
    users.push(await signUp(base, { email, name }));
  }
  const [owner, supervisor] = users;
  const project = await api(base, 'POST', '/api/projects', { body: { name: 'Benchmark' }, token: owner.token });
  await addMember(base, project.id, owner.token, supervisor, 'supervisor');

  const education = ['sosionom', 'vernepleier', 'barnevernspedagog'];
  const documents = [];
  for (let i = 0; i < S.documents; i++) {
    const doc = await api(base, 'POST', `/api/projects/${project.id}/documents`, {
      body: {
        title: `Informant ${i + 1}`,
        text: transcript(S.words, 100 + i),
        attributes: { utdanning: education[i % 3], kommune: `K${i % 5}` },
      },
      token: owner.token,
    });
    documents.push(doc.id);
  }
  const codeIds = [];
  const parents = Math.ceil(S.codes / 5);
  for (let i = 0; i < S.codes; i++) {
    const parentId = i < parents ? undefined : codeIds[i % parents];
    const code = await api(base, 'POST', `/api/projects/${project.id}/codes`, {
      body: { name: `Tema ${i + 1}`, description: `Beskrivelse av tema ${i + 1}.`, ...(parentId ? { parentId } : {}) },
      token: owner.token,
    });
    codeIds.push(code.id);
  }

  // Codings straight into the tables (the api would take minutes at this size), with
  // real anchors made from each document's stored Yjs state, and a `created` event each.
  const rand = random(7);
  const perDocument = Math.round(S.codings / S.documents);
  for (const documentId of documents) {
    const { rows } = await db.query('SELECT state FROM document_states WHERE document_id = $1', [documentId]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, rows[0].state);
    const text = doc.getText('content');
    const length = text.length;
    const ranges = Array.from({ length: perDocument }, () => {
      const start = Math.floor(rand() * (length - 700));
      return { start, end: start + 40 + Math.floor(rand() * 600) };
    });
    const anchors = createAnchors(text, ranges).map(encodeAnchor);
    const content = text.toString();
    doc.destroy();
    const values = [];
    const tuples = ranges.map((r, i) => {
      const coder = i % 2 === 0 ? owner.id : supervisor.id;
      const code = codeIds[Math.floor(rand() * codeIds.length)];
      values.push(
        project.id,
        documentId,
        code,
        anchors[i].startAnchor,
        anchors[i].endAnchor,
        r.start,
        r.end,
        content.slice(r.start, r.end),
        coder,
      );
      const p = i * 9;
      return `($${p + 1}::uuid, $${p + 2}::uuid, $${p + 3}::uuid, $${p + 4}, $${p + 5}, $${p + 6}::int, $${p + 7}::int, $${p + 8}, $${p + 9}::uuid)`;
    });
    await db.query(
      `WITH inserted AS (
         INSERT INTO codings (project_id, document_id, code_id, start_anchor, end_anchor, start, "end", quote, created_by)
         VALUES ${tuples.join(', ')} RETURNING *)
       INSERT INTO coding_events (coding_id, project_id, document_id, version, action, code_id, start_anchor, end_anchor, start, "end", quote, actor_id)
       SELECT id, project_id, document_id, 1, 'created', code_id, start_anchor, end_anchor, start, "end", quote, created_by FROM inserted`,
      values,
    );
  }
  await db.query('ANALYZE');
  return { projectId: project.id, token: owner.token, codeIds };
}

/**
 * @param {string} path
 * @param {string} token
 * @param {{ method?: string, body?: unknown }} [options]
 */
async function timed(path, token, { method = 'GET', body } = {}) {
  const started = performance.now();
  const response = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const bytes = (await response.arrayBuffer()).byteLength;
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
  return { ms, bytes };
}

async function measure(projectId, token, codeIds) {
  const p = `/api/projects/${projectId}`;
  const cases = [
    ['GET segments (all ~10,000)', `${p}/segments`],
    ['GET segments?codeId= (with sub-codes)', `${p}/segments?codeId=${codeIds[0]}`],
    ['GET segments?attr.utdanning=&coder=', `${p}/segments?attr.utdanning=sosionom`],
    ['GET segments?q=samarbeid', `${p}/segments?q=samarbeid`],
    ['GET analysis/frequencies', `${p}/analysis/frequencies`],
    ['GET analysis/cooccurrence', `${p}/analysis/cooccurrence`],
    ['GET analysis/matrix?attribute=utdanning', `${p}/analysis/matrix?attribute=utdanning`],
    ['GET search?q=samarbeid (common)', `${p}/search?q=samarbeid`],
    ['GET search?q=Tromsø', `${p}/search?q=Troms%C3%B8`],
    ['GET search?q="tillit og"', `${p}/search?q=${encodeURIComponent('"ansvar tillit"')}`],
    ['GET export/segments.csv', `${p}/export/segments.csv`],
    ['GET export/segments.xlsx', `${p}/export/segments.xlsx`],
    ['GET export/report.docx', `${p}/export/report.docx`],
  ];
  const results = [];
  for (const [name, path] of cases) {
    await timed(path, token); // warm-up
    const samples = [];
    let bytes = 0;
    for (let i = 0; i < S.runs; i++) ({ ms: samples[i], bytes } = await timed(path, token));
    samples.sort((a, b) => a - b);
    const target = name.includes('.docx') ? DOCX_TARGET_MS : name.includes('export/') ? undefined : QUERY_TARGET_MS;
    results.push({
      name,
      median: median(samples),
      p95: percentile(samples, 95),
      max: samples[samples.length - 1],
      bytes,
      target,
    });
  }
  // A write: code every hit of a rare word, then undo it.
  const codeAll = await timed(`${p}/search/code-all`, token, {
    method: 'POST',
    body: { q: 'Tromsø', codeId: codeIds[1] },
  });
  results.push({
    name: 'POST search/code-all (q=Tromsø), once',
    median: codeAll.ms,
    p95: codeAll.ms,
    max: codeAll.ms,
    bytes: codeAll.bytes,
  });
  return results;
}

function print(results) {
  const pad = (s, n) => String(s).padEnd(n);
  const num = (n) => n.toFixed(0).padStart(7);
  console.log(
    `\n${S.documents} documents × ~${S.words} words, ${S.codings} codings, ${S.codes} codes; ${S.runs} runs each after one warm-up (ms)`,
  );
  // Other work on the machine shows in every figure: say how much there was.
  console.log(
    `${cpus().length} cores, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min)\n`,
  );
  console.log(
    `${pad('request', 42)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)} ${'KiB'.padStart(7)}  target`,
  );
  let failed = 0;
  for (const r of results) {
    const verdict = r.target === undefined ? '' : r.max < r.target ? `< ${r.target} ✓` : `< ${r.target} ✗`;
    if (r.target !== undefined && r.max >= r.target) failed += 1;
    console.log(`${pad(r.name, 42)} ${num(r.median)} ${num(r.p95)} ${num(r.max)} ${num(r.bytes / 1024)}  ${verdict}`);
  }
  console.log(
    failed === 0 ? '\nEvery target met (by the slowest run).' : `\n${failed} target(s) missed (by the slowest run).`,
  );
}
