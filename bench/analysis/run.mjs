// `npm run bench:analysis`: a thesis-sized project (50 transcripts of ~6,000
// words, ~10,000 codings by 2 coders over 40 codes), then the time of every
// analysis endpoint and export, measured over HTTP against the built api on
// a fresh embedded PostgreSQL. Targets (by the median): every query — each
// kind of coding query (and/or/not/near/followedBy), the matrices, and the
// per-coder and merged (union) variants — < 150 ms; word frequencies < 500 ms;
// the quote report (DOCX, Markdown, ODT) < 2 s. Each line prints its ratio
// to its target.
//
// For finding where time goes: `--only REGEX` measures only the matching
// requests; `--compare PATH` starts a second built api (another checkout's
// `dist/apps/api/main.js`) on the same database and measures every request
// on both, alternating, so a before/after ratio shares the machine's load;
// `--profile DIR` runs the api under `node --prof` (the V8 log written to
// DIR/v8.log as it runs: `node --prof-process DIR/v8.log`); `--hold SECONDS`
// keeps the database (its URL printed) and the api running that long after
// measuring, e.g. for EXPLAIN ANALYZE.
import { execSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
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
const option = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const only = option('only') === undefined ? undefined : new RegExp(option('only'), 'u');
const compare = option('compare');
const profile = option('profile');
const hold = option('hold') === undefined ? 0 : flag('hold', 0);
const S = {
  documents: flag('documents', 50),
  words: flag('words', 6000),
  codings: flag('codings', 10_000),
  codes: flag('codes', 40),
  runs: flag('runs', 7),
};
const QUERY_TARGET_MS = 150;
const WORDS_TARGET_MS = 500;
const REPORT_TARGET_MS = 2000;

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
  // Given, so that a second api (`--compare`) accepts the first one's tokens.
  TOLK_SECRET: randomBytes(32).toString('hex'),
  ...BENCH_REGISTRATIONS,
};
for (const key of ['DATABASE_URL', 'REDIS_URL', 'TOLK_PG_PORT']) delete env[key];
const server = await startProcess({
  command: process.execPath,
  args: [
    ...(profile ? ['--prof', '--no-logfile-per-isolate', `--logfile=${join(profile, 'v8.log')}`] : []),
    join(root, 'dist/apps/api/main.js'),
  ],
  cwd: root,
  env,
  ready: /Tolk is ready at (http:\/\/\S+)/,
});
const base = server.match[1];
const databaseUrl = readFileSync(join(dir, 'database-url'), 'utf8').trim();
const db = new pg.Client({ connectionString: databaseUrl });
db.on('error', () => {});
const otherDir = compare ? mkdtempSync(join(tmpdir(), 'tolk-bench-analysis-compare-')) : undefined;
const other = compare
  ? await startProcess({
      command: process.execPath,
      args: [compare],
      cwd: root,
      env: { ...env, PORT: String(await freePort()), TOLK_DATA_DIR: otherDir, DATABASE_URL: databaseUrl },
      ready: /Tolk is ready at (http:\/\/\S+)/,
    })
  : undefined;
const bases = [base, ...(other ? [other.match[1]] : [])];

try {
  await db.connect();
  const setupStarted = performance.now();
  const { projectId, token, codeIds, coderIds, readers } = await setUp();
  console.log(
    `Set up ${S.documents} transcripts, ${S.codes} codes and ${S.codings} codings in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s.`,
  );
  const results = await measure(projectId, token, codeIds, coderIds, readers);
  print(results);
  if (hold) {
    console.log(`\nHolding ${hold} s: database ${databaseUrl}, api ${base}, project ${projectId}`);
    await new Promise((resolve) => setTimeout(resolve, hold * 1000));
  }
} finally {
  await db.end().catch(() => {});
  if (other) await stopProcess(other.child);
  await stopProcess(server.child);
  rmSync(dir, { recursive: true, force: true });
  if (otherDir) rmSync(otherDir, { recursive: true, force: true });
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
  // Exports are limited to 30 per user per 10 minutes: each export case reads as a viewer of its own.
  const readers = [];
  for (let i = 0; i < 8; i++) {
    const reader = await signUp(base, { email: `bench.reader.${i}@bench.example`, name: `Bench Reader ${i}` });
    await addMember(base, project.id, owner.token, reader, 'viewer');
    readers.push(reader.token);
  }

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
  return { projectId: project.id, token: owner.token, codeIds, coderIds: [owner.id, supervisor.id], readers };
}

/**
 * @param {string} path
 * @param {string} token
 * @param {{ method?: string, body?: unknown }} [options]
 */
async function timed(path, token, { method = 'GET', body } = {}, server = base) {
  const started = performance.now();
  const response = await fetch(server + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const bytes = (await response.arrayBuffer()).byteLength;
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
  return { ms, bytes };
}

async function measure(projectId, ownerToken, codeIds, coderIds, readers) {
  const p = `/api/projects/${projectId}`;
  const [a, b, c] = codeIds.slice(S.codes - 3).map((codeId) => ({ codeId }));
  const [student, supervisor] = coderIds;
  const query = (expression, extra = {}) => ({ method: 'POST', body: { expression, ...extra } });
  /** @type {[name: string, path: string, options?: { method?: string, body?: unknown }, target?: number | null][]} */
  const cases = [
    ['GET segments (all ~10,000)', `${p}/segments`],
    ['GET segments?merge=union', `${p}/segments?merge=union`],
    ['GET segments?codeId= (with sub-codes)', `${p}/segments?codeId=${codeIds[0]}`],
    ['GET segments?attr.utdanning=', `${p}/segments?attr.utdanning=sosionom`],
    ['GET segments?coder= (one person)', `${p}/segments?coder=${supervisor}`],
    ['GET segments?q=samarbeid', `${p}/segments?q=samarbeid`],
    // What the «Kodede utdrag» view asks for: a page of 101 (the whole selection is still computed,
    // merged and counted; only the first page is sent).
    ['GET segments?limit=101 (a page, as the web client asks)', `${p}/segments?limit=101`],
    ['GET segments?merge=union&limit=101', `${p}/segments?merge=union&limit=101`],
    ['GET segments?coder=&limit=101', `${p}/segments?coder=${supervisor}&limit=101`],
    ['GET segments?q=samarbeid&limit=101', `${p}/segments?q=samarbeid&limit=101`],
    ['GET analysis/frequencies', `${p}/analysis/frequencies`],
    ['GET analysis/frequencies?merge=union', `${p}/analysis/frequencies?merge=union`],
    ['GET analysis/frequencies?coder= ×2', `${p}/analysis/frequencies?coder=${student}&coder=${supervisor}`],
    ['GET analysis/cooccurrence', `${p}/analysis/cooccurrence`],
    ['GET analysis/cooccurrence?merge=union', `${p}/analysis/cooccurrence?merge=union`],
    ['GET analysis/matrix?attribute=utdanning', `${p}/analysis/matrix?attribute=utdanning`],
    ['GET analysis/matrix …&merge=union', `${p}/analysis/matrix?attribute=utdanning&merge=union`],
    ['GET analysis/matrix …&coder=', `${p}/analysis/matrix?attribute=utdanning&coder=${student}`],
    ['GET analysis/document-matrix', `${p}/analysis/document-matrix`],
    ['GET analysis/document-matrix?merge=union', `${p}/analysis/document-matrix?merge=union`],
    ['POST analysis/query {code}', `${p}/analysis/query`, query(a)],
    ['POST analysis/query {and}', `${p}/analysis/query`, query({ and: [a, b] })],
    ['POST analysis/query {or}', `${p}/analysis/query`, query({ or: [a, b, c] })],
    ['POST analysis/query {and, not}', `${p}/analysis/query`, query({ and: [a, { not: b }] })],
    ['POST analysis/query {near 200 chars}', `${p}/analysis/query`, query({ near: [a, b], within: 200 })],
    ['POST analysis/query {near turn}', `${p}/analysis/query`, query({ near: [a, b], within: 'turn' })],
    ['POST analysis/query {followedBy}', `${p}/analysis/query`, query({ followedBy: [a, b] })],
    ['POST analysis/query {or} coder=', `${p}/analysis/query`, query({ or: [a, b, c] }, { coder: [supervisor] })],
    [
      'POST analysis/query {and} attributes',
      `${p}/analysis/query`,
      query({ and: [a, b] }, { attributes: { utdanning: 'sosionom' } }),
    ],
    ['GET search?q=samarbeid (common)', `${p}/search?q=samarbeid`],
    ['GET search?q=Tromsø', `${p}/search?q=Troms%C3%B8`],
    ['GET search?q="tillit og"', `${p}/search?q=${encodeURIComponent('"ansvar tillit"')}`],
    ['GET analysis/words (whole texts)', `${p}/analysis/words`, {}, WORDS_TARGET_MS],
    ['GET analysis/words?codeId=', `${p}/analysis/words?codeId=${codeIds[0]}`, {}, WORDS_TARGET_MS],
    ['GET analysis/words?coder=', `${p}/analysis/words?coder=${student}`, {}, WORDS_TARGET_MS],
    ['GET export/segments.csv', `${p}/export/segments.csv`, {}, null],
    ['GET export/segments.xlsx', `${p}/export/segments.xlsx`, {}, null],
    ['GET export/report.docx', `${p}/export/report.docx`, {}, REPORT_TARGET_MS],
    [
      'GET export/report.docx (memos, coder=)',
      `${p}/export/report.docx?memos=true&coder=${student}`,
      {},
      REPORT_TARGET_MS,
    ],
    ['GET export/report.md', `${p}/export/report.md`, {}, REPORT_TARGET_MS],
    ['GET export/report.odt', `${p}/export/report.odt`, {}, REPORT_TARGET_MS],
  ];
  const results = [];
  let exports = 0;
  for (const [name, path, options = {}, target = QUERY_TARGET_MS] of cases) {
    if (only && !only.test(name)) continue;
    const token = path.includes('/export/') ? readers[exports++ % readers.length] : ownerToken;
    for (const server of bases) await timed(path, token, options, server); // warm-up
    // With `--compare`, the two apis take turns, so both see the same load.
    const samples = bases.map(() => []);
    let bytes = 0;
    for (let i = 0; i < S.runs; i++)
      for (const [k, server] of bases.entries())
        ({ ms: samples[k][i], bytes } = await timed(path, token, options, server));
    for (const s of samples) s.sort((x, y) => x - y);
    results.push({
      name,
      median: median(samples[0]),
      p95: percentile(samples[0], 95),
      max: samples[0][samples[0].length - 1],
      bytes,
      target: target ?? undefined,
      compared: samples[1] ? median(samples[1]) : undefined,
    });
  }
  if (only && !only.test('POST search/code-all')) return results;
  // A write: code every hit of a rare word, then undo it.
  const codeAll = await timed(`${p}/search/code-all`, ownerToken, {
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
    `\n${S.documents} documents × ~${S.words} words, ${S.codings} codings by 2 coders, ${S.codes} codes; ${S.runs} runs each after one warm-up (ms)`,
  );
  // Other work on the machine shows in every figure: say how much there was.
  console.log(
    `${cpus().length} cores, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min)\n`,
  );
  console.log(
    `${pad('request', 44)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)} ${'KiB'.padStart(7)}  target   median/target${compare ? `  --compare median, ratio` : ''}`,
  );
  let failed = 0;
  for (const r of results) {
    // Targets are medians: one slow sample on a shared machine says little.
    const met = r.target !== undefined && r.median < r.target;
    const verdict = r.target === undefined ? '' : `< ${r.target} ${met ? '✓' : '✗'}`;
    const ratio = r.target === undefined ? '' : (r.median / r.target).toFixed(2).padStart(8);
    if (r.target !== undefined && !met) failed += 1;
    const versus =
      r.compared === undefined ? '' : `  ${num(r.compared)} ${(r.median / r.compared).toFixed(2).padStart(6)}`;
    console.log(
      `${pad(r.name, 44)} ${num(r.median)} ${num(r.p95)} ${num(r.max)} ${num(r.bytes / 1024)}  ${pad(verdict, 8)} ${ratio.padStart(8)}${versus}`,
    );
  }
  console.log(failed === 0 ? '\nEvery target met (by the median).' : `\n${failed} target(s) missed (by the median).`);
}
