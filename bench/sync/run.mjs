// `npm run bench:sync`: the reference y-websocket server and Tolk, one after
// the other, under the same load from two forked load generators; then the
// time to open a persisted 40-minute transcript. Only coordinates and
// aggregates: the clients live in worker.mjs and open-time.mjs.
import { execSync, fork } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  api, freePort, hash, machineTicks, median, now, percentile, ProcessSampler, seedText,
  sleep, startProcess, stopProcess, transcript,
} from './lib.mjs';

const root = new URL('../..', import.meta.url).pathname;
const WORKERS = 2;
const CLIENTS_PER_USER = 10; // Tolk allows 20 open /collab connections per user

// ---------------------------------------------------------------- settings

function settings(argv) {
  const flag = (name, env, fallback) => {
    const i = argv.indexOf(`--${name}`);
    const value = i >= 0 ? argv[i + 1] : process.env[env];
    return value === undefined ? fallback : value;
  };
  const num = (name, env, fallback) => {
    const value = Number(flag(name, env, fallback));
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const s = {
    clients: num('clients', 'BENCH_CLIENTS', 200),
    documents: num('documents', 'BENCH_DOCUMENTS', 20),
    rate: num('rate', 'BENCH_RATE', 2),
    seconds: num('seconds', 'BENCH_SECONDS', 20),
    warmup: num('warmup', 'BENCH_WARMUP', 3),
    settle: num('settle', 'BENCH_SETTLE', 10),
    opens: num('opens', 'BENCH_OPENS', 5),
    colds: num('colds', 'BENCH_COLDS', 3),
    edits: num('history', 'BENCH_HISTORY', 300),
    rounds: num('rounds', 'BENCH_ROUNDS', 1),
    only: flag('only', 'BENCH_ONLY', 'both'),
    // e.g. "--cpu-prof --cpu-prof-dir=/tmp/tolk-prof" to see where Tolk's time goes
    tolkNodeArgs: flag('tolk-node-args', 'BENCH_TOLK_NODE_ARGS', '').split(' ').filter(Boolean),
    json: flag('json', 'BENCH_JSON', undefined),
    build: argv.includes('--build') || process.env.BENCH_BUILD === '1',
  };
  if (s.documents > s.clients) throw new Error('--documents must not exceed --clients');
  if (s.clients < 2) throw new Error('--clients must be at least 2');
  if (!['both', 'tolk', 'reference'].includes(s.only)) throw new Error('--only is both, tolk or reference');
  return s;
}

// ---------------------------------------------------------------- children

/** Forks a bench child; `ask` sends a command and resolves with its answer of the given type. */
function forkChild(file) {
  const child = fork(new URL(file, import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (message, type) =>
    new Promise((resolve, reject) => {
      const onMessage = (answer) => {
        if (answer.type !== type && answer.type !== 'error') return;
        cleanup();
        if (answer.type === 'error') reject(new Error(`${file}: ${answer.error}`));
        else resolve(answer);
      };
      const onExit = (code) => {
        cleanup();
        reject(new Error(`${file} exited (${code}) while asked to ${message.cmd}`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(message);
    });
  return { child, ask };
}

async function closeChild({ child }, message = { cmd: 'close' }) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send(message);
  await Promise.race([exited, sleep(5_000)]);
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

// ---------------------------------------------------------------- servers

/**
 * Tolk runs from dist/. It is built only when missing or with --build: the
 * working tree may be shared, and a build first deletes dist/.
 */
function checkBuild(s) {
  const main = join(root, 'dist/apps/api/main.js');
  if (s.build || !existsSync(main)) {
    console.log('Tolk: building the api (npm run build:libs && npm run build:api)…');
    execSync('npm run --silent build:libs && npm run --silent build:api', { cwd: root, stdio: 'inherit' });
  }
  const newest = (path) => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
  };
  const builtAt = statSync(main).mtimeMs;
  const stale = Math.max(newest(join(root, 'apps/api/src')), newest(join(root, 'libs/contracts/src'))) > builtAt;
  let head = 'unknown';
  try {
    head = execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  const build = { builtAt: new Date(builtAt).toISOString(), head, stale };
  console.log(`Tolk: dist/apps/api/main.js built ${build.builtAt.slice(0, 19)}Z, HEAD ${head}.`);
  if (stale) console.log('WARNING: sources under apps/api/src or libs/contracts/src are newer than the build; add --build to measure them.');
  return build;
}

function cleanEnv(extra) {
  const env = { ...process.env, ...extra };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'TOLK_SECRET', 'TOLK_PG_PORT', 'YPERSISTENCE', 'CALLBACK_URL', 'CALLBACK_OBJECTS']) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

async function startReference() {
  const port = await freePort();
  const started = await startProcess({
    command: process.execPath,
    args: [join(root, 'node_modules/@y/websocket-server/src/server.js')],
    cwd: root,
    env: cleanEnv({ HOST: '127.0.0.1', PORT: String(port) }),
    ready: /running at/,
  });
  return { kind: 'reference', name: 'reference', wsUrl: `ws://127.0.0.1:${port}`, ...started, cleanup: () => {} };
}

async function startTolk(s) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-'));
  chmodSync(dir, 0o755); // the postgres user must traverse it
  let started;
  try {
    started = await startProcess({
      command: process.execPath,
      args: [...s.tolkNodeArgs, join(root, 'dist/apps/api/main.js')],
      cwd: root,
      env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', TOLK_DATA_DIR: dir, TOLK_DEMO: '0', TOLK_ALLOW_REGISTRATION: '1' }),
      ready: /Tolk is ready at (http:\/\/\S+)/,
    });
    const baseUrl = started.match[1];
    const db = new pg.Client({ connectionString: readFileSync(join(dir, 'database-url'), 'utf8').trim() });
    db.on('error', () => {}); // PostgreSQL stops with Tolk; this client only polls
    await db.connect();
    return {
      kind: 'tolk', name: 'Tolk', baseUrl, wsUrl: baseUrl.replace(/^http/, 'ws'), db, ...started,
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    if (started) await stopProcess(started.child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Users (one per 10 clients), a project they are members of, and the documents. */
async function setUpTolk(server, s) {
  const users = [];
  for (let u = 0; u < Math.ceil(s.clients / CLIENTS_PER_USER); u++) {
    const user = { email: `bench${u}@tolk.example`, password: `bench-password-${u}`, name: `Bench ${u}` };
    await api(server.baseUrl, 'POST', '/api/auth/register', { body: user });
    const login = { email: user.email, password: user.password };
    user.token = (await api(server.baseUrl, 'POST', '/api/auth/login', { body: login })).accessToken;
    users.push(user);
  }
  const owner = users[0].token;
  const project = await api(server.baseUrl, 'POST', '/api/projects', { body: { name: 'Sync benchmark' }, token: owner });
  for (const user of users.slice(1)) {
    await api(server.baseUrl, 'POST', `/api/projects/${project.id}/members`, { body: { email: user.email, role: 'coder' }, token: owner });
  }
  const documents = [];
  for (let d = 0; d < s.documents; d++) {
    const body = { title: `Intervju ${d + 1}`, text: seedText(d) };
    documents.push((await api(server.baseUrl, 'POST', `/api/projects/${project.id}/documents`, { body, token: owner })).id);
  }
  return { users, project, documents };
}

/**
 * Waits until Tolk has unloaded the documents: on unload it stores their text
 * (after compacting the log), at least 10 s after the last client left at `since`.
 */
async function waitUnloaded(server, ids, since, timeoutMs = 60_000) {
  const deadline = now() + timeoutMs;
  for (;;) {
    const { rows } = await server.db.query(
      'SELECT count(*)::int AS n FROM documents WHERE id = ANY($1) AND updated_at >= to_timestamp($2 / 1000.0)',
      [ids, since + 9_000],
    );
    if (rows[0].n === ids.length) break;
    if (now() > deadline) throw new Error(`Tolk did not unload ${ids.length - rows[0].n} document(s) within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
  await sleep(200); // it frees the memory right after storing
}

// ---------------------------------------------------------------- load

async function runLoad(server, s, sampler, setup) {
  const clients = Array.from({ length: s.clients }, (_, i) => {
    const docIndex = i % s.documents;
    const round = Math.floor(i / s.documents);
    return {
      id: i,
      docIndex,
      worker: round % WORKERS, // each document has clients in both generators
      room: setup ? setup.documents[docIndex] : `doc-${docIndex}`,
      token: setup?.users[Math.floor(i / CLIENTS_PER_USER)].token,
      seedText: !setup && round === 0 ? seedText(docIndex) : undefined,
    };
  });
  const workers = Array.from({ length: WORKERS }, () => forkChild('./worker.mjs'));
  const loadStart = now();
  try {
    const synced = await Promise.all(
      workers.map((w, k) => w.ask({ cmd: 'connect', server: { kind: server.kind, wsUrl: server.wsUrl }, worker: k, seed: 7 + k, specs: clients.filter((c) => c.worker === k) }, 'synced')),
    );
    const syncMs = Math.max(...synced.map((m) => m.ms));

    const startAt = now() + 300;
    const from = startAt + s.warmup * 1000;
    const to = from + s.seconds * 1000;
    await Promise.all(workers.map((w) => w.ask({ cmd: 'start', startAt, from, to, rate: s.rate }, 'started')));
    await sleep(from - now());
    const marks = { from: sampler.mark(), machineFrom: machineTicks() };
    await sleep(to - now());
    marks.to = sampler.mark();
    marks.machineTo = machineTicks();
    await sleep(100);

    const sentBy = Object.assign({}, ...(await Promise.all(workers.map((w) => w.ask({ cmd: 'stop' }, 'sent')))).map((m) => m.sent));
    const docSent = new Array(s.documents).fill(0);
    for (const c of clients) docSent[c.docIndex] += sentBy[c.id];
    const expected = Object.fromEntries(clients.map((c) => [c.id, docSent[c.docIndex] - sentBy[c.id]]));
    const reports = await Promise.all(workers.map((w) => w.ask({ cmd: 'settle', expected, timeoutMs: s.settle * 1000 }, 'report')));
    const end = sampler.sample();

    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const states = reports.flatMap((r) => r.clients);
    const hashes = new Map();
    for (const c of states) {
      if (!hashes.has(c.docIndex)) hashes.set(c.docIndex, new Set());
      hashes.get(c.docIndex).add(c.hash);
    }
    const diverged = [...hashes.values()].filter((set) => set.size > 1).length;
    const cpu = ProcessSampler.cpu(marks.from, marks.to);
    const expectedTotal = Object.values(expected).reduce((a, b) => a + b, 0);
    const receivedTotal = states.reduce((sum, c) => sum + Math.min(c.received, expected[c.id]), 0);
    const result = {
      syncMs,
      latencies,
      latency: latencyStats(latencies),
      deliveriesPerSecond: latencies.length / s.seconds,
      sent: Object.values(sentBy).reduce((a, b) => a + b, 0),
      expected: expectedTotal,
      lost: expectedTotal - receivedTotal,
      diverged,
      docHashes: [...hashes.entries()].map(([d, set]) => [d, [...set][0]]),
      disconnects: states.reduce((sum, c) => sum + c.closes, 0),
      rss: { peak: sampler.peak('rss', loadStart), end: end.rss },
      childRss: { peak: sampler.peak('childRss', loadStart), end: end.childRss },
      cpu,
      machineBusy: (100 * (marks.machineTo.busy - marks.machineFrom.busy)) / (marks.machineTo.total - marks.machineFrom.total),
      cpuPressure: (100 * (marks.machineTo.stalled - marks.machineFrom.stalled)) / 1000 / (marks.machineTo.at - marks.machineFrom.at),
      generators: reports.map((r) => ({ cpu: r.cpuPercent, eventLoopP99: r.eventLoopP99, eventLoopMax: r.eventLoopMax })),
    };
    // What the rest of the machine used meanwhile (other sessions, the kernel): busy minus ours.
    const machineCores = (result.machineBusy / 100) * cpus().length * 100;
    result.otherCpu = Math.max(0, machineCores - cpu.server - cpu.children - reports.reduce((sum, r) => sum + r.cpuPercent, 0));
    return result;
  } finally {
    await Promise.all(workers.map((w) => closeChild(w)));
  }
}

const latencyStats = (sorted) => ({
  p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1), count: sorted.length,
});

// ---------------------------------------------------------------- one server

async function runServer(kind, s) {
  console.log(`\n── ${kind}: starting`);
  const server = kind === 'tolk' ? await startTolk(s) : await startReference();
  running = server;
  const sampler = new ProcessSampler(server.pid);
  const opener = forkChild('./open-time.mjs');
  try {
    const setup = kind === 'tolk' ? await setUpTolk(server, s) : undefined;
    console.log(`── ${kind}: ${s.clients} clients over ${s.documents} documents, ${s.rate} edits/s each, ${s.warmup} s warm-up + ${s.seconds} s measured`);
    const load = await runLoad(server, s, sampler, setup);
    const loadClosed = now();
    console.log(`── ${kind}: load done (p99 ${load.latency.p99.toFixed(1)} ms, lost ${load.lost}); opening a transcript`);

    // The transcript: Tolk gets it through REST like an upload; the reference through its first client.
    const text = transcript();
    const token = setup?.users[0].token;
    const room = setup
      ? (await api(server.baseUrl, 'POST', `/api/projects/${setup.project.id}/documents`, { body: { title: 'Intervju 40 min', text }, token })).id
      : 'transcript';
    const target = { server: { kind: server.kind, wsUrl: server.wsUrl }, room, token };
    const prepared = await opener.ask({ cmd: 'prepare', ...target, text, edits: s.edits, seed: 40 }, 'done');
    let closedAt = now();
    const open = { bytes: prepared.bytes, words: prepared.words, chars: prepared.chars, colds: [], warm: [] };
    const openOnce = async () => {
      const { ms } = await opener.ask({ cmd: 'open', ...target, expectHash: prepared.hash }, 'done');
      closedAt = now();
      return ms;
    };

    if (kind === 'tolk') {
      // Persisted = what the clients have: read the load documents back once Tolk has stored and dropped them.
      await waitUnloaded(server, setup.documents, loadClosed);
      let mismatched = 0;
      for (const [d, clientHash] of load.docHashes) {
        const doc = await api(server.baseUrl, 'GET', `/api/documents/${setup.documents[d]}`, { token });
        if (hash(doc.text) !== clientHash) mismatched++;
      }
      load.persistedMismatch = mismatched;
      for (let i = 0; i < s.colds; i++) {
        await waitUnloaded(server, [room], closedAt);
        open.colds.push(await openOnce());
      }
    } else {
      open.colds.push(await openOnce()); // first open after writing; it stays in memory
    }
    for (let i = 0; i < s.opens; i++) open.warm.push(await openOnce());
    return { kind, ...load, open };
  } finally {
    sampler.stop();
    await closeChild(opener);
    await server.db?.end().catch(() => {});
    await stopProcess(server.child);
    server.cleanup();
    running = undefined;
  }
}

// ---------------------------------------------------------------- report

const MB = 1024 * 1024;
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const list = (values) => (values.length <= 3 ? values.map(f1).join(' / ') : `median ${f1(median(values))} of ${values.length}`);

function print(s, results, build, runs) {
  const ref = results.find((r) => r.kind === 'reference');
  const tolk = results.find((r) => r.kind === 'tolk');
  const cols = [ref, tolk].filter(Boolean);
  const ratio = (get) => (ref && tolk ? `${f2(get(tolk) / get(ref))}×` : '');
  const rows = [
    ['propagation p50 (ms)', (r) => f2(r.latency.p50), (r) => r.latency.p50],
    ['propagation p95 (ms)', (r) => f2(r.latency.p95), (r) => r.latency.p95],
    ['propagation p99 (ms)', (r) => f2(r.latency.p99), (r) => r.latency.p99],
    ['propagation max (ms)', (r) => f1(r.latency.max)],
    ['edits delivered / s', (r) => f1(r.deliveriesPerSecond), (r) => r.deliveriesPerSecond],
    ['edits sent (all phases)', (r) => String(r.sent)],
    ['lost edits', (r) => `${r.lost} of ${r.expected}`],
    ['converged', (r) => (r.diverged === 0 ? 'yes' : `no (${r.diverged} of ${s.documents * s.rounds} documents diverged)`)],
    ['persisted = clients\' text', (r) => (r.persistedMismatch === undefined ? 'n/a' : r.persistedMismatch === 0 ? 'yes' : `no (${r.persistedMismatch} differ)`)],
    ['client disconnects', (r) => String(r.disconnects)],
    ['server RSS peak (MB)', (r) => f1(r.rss.peak / MB), (r) => r.rss.peak],
    ['server RSS end (MB)', (r) => f1(r.rss.end / MB), (r) => r.rss.end],
    ['server CPU (% of a core)', (r) => f1(r.cpu.server), (r) => r.cpu.server],
    ['PostgreSQL RSS peak, sum (MB)', (r) => (r.childRss.peak ? f1(r.childRss.peak / MB) : '–')],
    ['PostgreSQL CPU (% of a core)', (r) => (r.childRss.peak ? f1(r.cpu.children) : '–')],
    ['machine busy (% of all cores)', (r) => f1(r.machineBusy)],
    ['CPU pressure (% of time a task waited)', (r) => f1(r.cpuPressure)],
    ['rest of the machine (% of a core)', (r) => f1(r.otherCpu)],
    ['generators CPU (% of a core)', (r) => r.generators.map((g) => f1(g.cpu)).join(' / ')],
    ['generators event-loop p99 (ms)', (r) => r.generators.map((g) => f1(g.eventLoopP99)).join(' / ')],
    ['all clients synced in (ms)', (r) => f1(r.syncMs)],
    ['transcript: words, Yjs update bytes', (r) => `${r.open.words} w, ${r.open.bytes} B`],
    ['open, first (ms) (Tolk: cold from PostgreSQL)', (r) => list(r.open.colds), (r) => median(r.open.colds)],
    [`open, in memory, median of ${s.opens} (ms)`, (r) => f1(median(r.open.warm)), (r) => median(r.open.warm)],
  ];
  const header = ['', ...cols.map((r) => (r.kind === 'tolk' ? 'Tolk' : 'reference')), ...(ref && tolk ? ['Tolk/reference'] : [])];
  const table = [header, ...rows.map(([label, show, value]) => [label, ...cols.map(show), ...(ref && tolk ? [value ? ratio(value) : ''] : [])])];
  const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  if (s.rounds > 1) {
    console.log('\nPer round: p50 / p99 ms (CPU used by the rest of the machine meanwhile, % of a core)');
    for (const r of runs) console.log(`  round ${r.round + 1} ${r.kind.padEnd(9)}  ${f2(r.latency.p50)} / ${f2(r.latency.p99)}  (${f1(r.otherCpu)})`);
  }
  const rounds = s.rounds > 1 ? `, ${s.rounds} rounds pooled` : '';
  console.log(`\nSync benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${s.clients} clients / ${s.documents} documents / ${s.rate} edits/s each, ${s.seconds} s measured${rounds}`);
  console.log(`node ${process.version}, ${cpus().length} cores; latency = receive − send of each edit at every other client of its document`);
  if (build) console.log(`Tolk: HEAD ${build.head}, dist built ${build.builtAt.slice(0, 19)}Z${build.stale ? ' (older than its sources)' : ''}`);
  for (const [i, row] of table.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  }
  for (const r of cols) {
    const busy = r.generators.filter((g) => g.cpu > 85 || g.eventLoopP99 > 20);
    if (busy.length > 0) {
      console.log(
        `WARNING (${r.kind}): a load generator looks saturated (CPU > 85 % of a core or event-loop p99 > 20 ms); ` +
          `its latencies include its own queueing. Machine busy ${f1(r.machineBusy)} %, CPU pressure ${f1(r.cpuPressure)} %: ` +
          'if these are high while the generators CPU is low, other work on the machine starved it; run again.',
      );
    }
  }
  if (ref && tolk) {
    console.log('');
    verdict('all measured phases', ref.latency.p99, tolk.latency.p99);
    const noisy = runs.filter((r) => !quiet(r));
    if (noisy.length > 0) {
      console.log(
        `NOTE: other work used ≥ ${QUIET_REST_CPU} % of a core during ${noisy.map((r) => `${r.kind} (round ${r.round + 1}: ${f1(r.otherCpu)} %)`).join(', ')}; ` +
          'the tail latencies of those phases mostly measure the machine.',
      );
      const p99 = (kind) => median(runs.filter((r) => r.kind === kind && quiet(r)).map((r) => r.latency.p99));
      if (Number.isFinite(p99('reference')) && Number.isFinite(p99('tolk'))) verdict('quiet phases only, median of their p99', p99('reference'), p99('tolk'));
      else console.log('No quiet phase for both servers: run again (or with --rounds 2) before quoting the ratio.');
    }
  }
}

/** A phase counts as quiet when the rest of the machine used less than this (% of a core). */
const QUIET_REST_CPU = 10;
const quiet = (run) => run.otherCpu < QUIET_REST_CPU;

function verdict(label, refP99, tolkP99) {
  const ratio = tolkP99 / refP99;
  const outcome = ratio <= 1.25 ? 'MET' : `MISSED (by ${f1((ratio / 1.25 - 1) * 100)} %)`;
  console.log(`Target, ${label}: Tolk p99 ≤ 1.25 × reference p99 → ${f2(tolkP99)} / ${f2(refP99)} ms = ${f2(ratio)}× → ${outcome}`);
}

/** Several rounds of one server as one result: deliveries pooled, counts summed, worst peaks. */
function combine(runs) {
  const mean = (get) => runs.reduce((sum, r) => sum + get(r), 0) / runs.length;
  const sum = (get) => runs.reduce((total, r) => total + get(r), 0);
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const persisted = runs.map((r) => r.persistedMismatch).filter((m) => m !== undefined);
  return {
    kind: runs[0].kind,
    latency: latencyStats(latencies),
    deliveriesPerSecond: mean((r) => r.deliveriesPerSecond),
    sent: sum((r) => r.sent),
    expected: sum((r) => r.expected),
    lost: sum((r) => r.lost),
    diverged: sum((r) => r.diverged),
    persistedMismatch: persisted.length ? persisted.reduce((a, b) => a + b, 0) : undefined,
    disconnects: sum((r) => r.disconnects),
    rss: { peak: Math.max(...runs.map((r) => r.rss.peak)), end: mean((r) => r.rss.end) },
    childRss: { peak: Math.max(...runs.map((r) => r.childRss.peak)), end: mean((r) => r.childRss.end) },
    cpu: { server: mean((r) => r.cpu.server), children: mean((r) => r.cpu.children) },
    machineBusy: mean((r) => r.machineBusy),
    cpuPressure: mean((r) => r.cpuPressure),
    otherCpu: mean((r) => r.otherCpu),
    generators: runs[0].generators.map((_, k) => ({
      cpu: Math.max(...runs.map((r) => r.generators[k].cpu)),
      eventLoopP99: Math.max(...runs.map((r) => r.generators[k].eventLoopP99)),
    })),
    syncMs: mean((r) => r.syncMs),
    open: {
      bytes: runs[0].open.bytes,
      words: runs[0].open.words,
      colds: runs.flatMap((r) => r.open.colds),
      warm: runs.flatMap((r) => r.open.warm),
    },
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const s = settings(process.argv.slice(2));
  const kinds = s.only === 'both' ? ['reference', 'tolk'] : [s.only];
  const build = kinds.includes('tolk') ? checkBuild(s) : undefined;
  const started = now();
  const runs = [];
  for (let round = 0; round < s.rounds; round++) {
    // Alternate the order (AB, BA, …) so a trend in the machine's load hits both alike.
    for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) runs.push({ round, ...(await runServer(kind, s)) });
  }
  const results = kinds.map((kind) => combine(runs.filter((r) => r.kind === kind)));
  print(s, results, build, runs);
  console.log(`\n(run took ${f1((now() - started) / 1000)} s)`);
  if (s.json) {
    const strip = ({ latencies, docHashes, ...rest }) => rest;
    writeFileSync(s.json, JSON.stringify({ settings: s, build, at: new Date().toISOString(), results: results.map(strip), runs: runs.map(strip) }, null, 2));
  }
}

/** The server of the current phase, stopped (and its data removed) when we are interrupted. */
let running;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`${signal}: stopping`);
    const server = running;
    if (!server) process.exit(130);
    // From a terminal the server got the same SIGINT and is already stopping: a
    // second signal would make Tolk exit without stopping its PostgreSQL.
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    Promise.race([exited, sleep(3_000)]).then(() => stopProcess(server.child)).finally(() => {
      server.cleanup();
      process.exit(130);
    });
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error.stack ?? String(error));
    process.exit(1);
  },
);
