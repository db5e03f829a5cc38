// `npm run bench:sync`: the reference y-websocket server (stores nothing), the
// durable reference (stores every update in PostgreSQL before relaying it,
// durable-reference.mjs) and Tolk, one after the other, under the same load
// from two forked load generators; then the time to open a persisted
// 40-minute transcript. Only coordinates and aggregates: the clients live in
// worker.mjs and open-time.mjs.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { histogram, scrapeMetrics } from '../lib/cluster.mjs';
import {
  checkBuild,
  cleanEnv,
  clientSpecs,
  closeChild,
  forkChild,
  latencyStats,
  runLoad,
  setUpProject,
} from '../lib/harness.mjs';
import {
  api,
  BENCH_REGISTRATIONS,
  freePort,
  hash,
  median,
  now,
  ProcessSampler,
  sleep,
  startProcess,
  stopProcess,
  transcript,
} from './lib.mjs';

const root = new URL('../..', import.meta.url).pathname;

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
    only: flag('only', 'BENCH_ONLY', 'all'),
    // e.g. "--cpu-prof --cpu-prof-dir=/tmp/tolk-prof" to see where Tolk's time goes
    tolkNodeArgs: flag('tolk-node-args', 'BENCH_TOLK_NODE_ARGS', '').split(' ').filter(Boolean),
    json: flag('json', 'BENCH_JSON', undefined),
    build: argv.includes('--build') || process.env.BENCH_BUILD === '1',
  };
  if (s.documents > s.clients) throw new Error('--documents must not exceed --clients');
  if (s.clients < 2) throw new Error('--clients must be at least 2');
  const kinds = s.only === 'all' || s.only === 'both' ? KINDS : s.only.split(',');
  if (kinds.length === 0 || kinds.some((kind) => !KINDS.includes(kind)))
    throw new Error(`--only is all or a comma-separated list of ${KINDS.join(', ')}`);
  return { ...s, kinds };
}

/** The servers, in the order of the first round. */
const KINDS = ['reference', 'durable', 'tolk'];
/** @type {Record<string, string>} */
const LABEL = { reference: 'reference', durable: 'durable ref.', tolk: 'Tolk' };

// ---------------------------------------------------------------- servers

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

/** The durable reference: its own embedded PostgreSQL (a child of its process, so sampled like Tolk's). */
async function startDurableReference() {
  const port = await freePort();
  const started = await startProcess({
    command: process.execPath,
    args: [join(root, 'bench/sync/durable-reference.mjs')],
    cwd: root,
    env: cleanEnv({ PORT: String(port) }),
    ready: /running at/,
  });
  // Clients address it as they address the stock server (the room is the URL path).
  return { kind: 'durable', name: 'durable ref.', wsUrl: `ws://127.0.0.1:${port}`, ...started, cleanup: () => {} };
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
      env: cleanEnv({
        PORT: String(port),
        HOST: '127.0.0.1',
        TOLK_DATA_DIR: dir,
        TOLK_DEMO: '0',
        TOLK_ALLOW_REGISTRATION: '1',
        ...BENCH_REGISTRATIONS,
      }),
      ready: /Tolk is ready at (http:\/\/\S+)/,
    });
    const baseUrl = started.match[1];
    const db = new pg.Client({ connectionString: readFileSync(join(dir, 'database-url'), 'utf8').trim() });
    db.on('error', () => {}); // PostgreSQL stops with Tolk; this client only polls
    await db.connect();
    return {
      kind: 'tolk',
      name: 'Tolk',
      baseUrl,
      wsUrl: baseUrl.replace(/^http/, 'ws'),
      db,
      ...started,
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    if (started) await stopProcess(started.child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Waits until Tolk holds no document in memory (its `/metrics` say so): on
 * unload it compacts the log and stores the text, 10 s after the last
 * client left. Then what the REST api answers comes from PostgreSQL.
 */
async function waitUnloaded(server, timeoutMs = 60_000) {
  const deadline = now() + timeoutMs;
  for (;;) {
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    const inMemory = Number(/^tolk_documents_in_memory (\d+)/m.exec(metrics)?.[1] ?? NaN);
    if (inMemory === 0) break;
    if (now() > deadline)
      throw new Error(`Tolk still holds ${inMemory} document(s) in memory after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------- load

async function loadPhase(server, s, sampler, setup) {
  const target = { kind: server.kind === 'tolk' ? 'tolk' : 'reference', wsUrl: server.wsUrl };
  const loadStart = now();
  const load = await runLoad(
    clientSpecs(s, setup, () => target),
    s,
    [sampler],
  );
  const end = sampler.sample();
  const { marks, ...result } = load;
  const cpu = ProcessSampler.cpu(marks.from[0], marks.to[0]);
  Object.assign(result, {
    cpu,
    rss: { peak: sampler.peak('rss', loadStart), end: end.rss },
    childRss: { peak: sampler.peak('childRss', loadStart), end: end.childRss },
    // What the rest of the machine used meanwhile (other sessions, the kernel): busy minus ours.
    otherCpu: Math.max(
      0,
      load.machineCores - cpu.server - cpu.children - load.generators.reduce((sum, g) => sum + g.cpu, 0),
    ),
  });
  return result;
}

// ---------------------------------------------------------------- one server

async function runServer(kind, s) {
  console.log(`\n── ${kind}: starting`);
  const server =
    kind === 'tolk' ? await startTolk(s) : kind === 'durable' ? await startDurableReference() : await startReference();
  running = server;
  const sampler = new ProcessSampler(server.pid);
  const opener = forkChild(new URL('./open-time.mjs', import.meta.url));
  try {
    const setup =
      kind === 'tolk'
        ? await setUpProject(server.baseUrl, { clients: s.clients, documents: s.documents, title: 'Sync benchmark' })
        : undefined;
    console.log(
      `── ${kind}: ${s.clients} clients over ${s.documents} documents, ${s.rate} edits/s each, ${s.warmup} s warm-up + ${s.seconds} s measured`,
    );
    const metricsBefore = kind === 'tolk' ? await scrapeMetrics(server.baseUrl) : undefined;
    /** @type {Awaited<ReturnType<typeof loadPhase>> & { persistedMismatch?: number, stages?: StageFigures }} */
    const load = await loadPhase(server, s, sampler, setup);
    if (metricsBefore) load.stages = stageFigures(metricsBefore, await scrapeMetrics(server.baseUrl));
    console.log(
      `── ${kind}: load done (p99 ${load.latency.p99.toFixed(1)} ms, lost ${load.lost}); opening a transcript`,
    );

    // The transcript: Tolk gets it through REST like an upload; the reference through its first client.
    const text = transcript();
    const token = setup?.users[0].token;
    const room = setup
      ? (
          await api(server.baseUrl, 'POST', `/api/projects/${setup.project.id}/documents`, {
            body: { title: 'Intervju 40 min', text },
            token,
          })
        ).id
      : 'transcript';
    const target = {
      server: { kind: server.kind === 'tolk' ? 'tolk' : 'reference', wsUrl: server.wsUrl },
      room,
      token,
    };
    const prepared = await opener.ask({ cmd: 'prepare', ...target, text, edits: s.edits, seed: 40 }, 'done');
    const open = { bytes: prepared.bytes, words: prepared.words, chars: prepared.chars, colds: [], warm: [] };
    const openOnce = async () => {
      const { ms } = await opener.ask({ cmd: 'open', ...target, expectHash: prepared.hash }, 'done');
      return ms;
    };

    if (kind === 'tolk') {
      // Persisted = what the clients have: read the load documents back once Tolk has stored and dropped them.
      await waitUnloaded(server);
      let mismatched = 0;
      for (const [d, clientHash] of load.docHashes) {
        const doc = await api(server.baseUrl, 'GET', `/api/documents/${setup.documents[d]}`, { token });
        if (hash(doc.text) !== clientHash) mismatched++;
      }
      load.persistedMismatch = mismatched;
      for (let i = 0; i < s.colds; i++) {
        await waitUnloaded(server);
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

// ---------------------------------------------------------------- where Tolk's edits wait

const STAGES = ['validate', 'commit', 'send', 'total'];

/** @typedef {Record<string, { count: number, mean: number, p50: number, p99: number }>} StageFigures */

/**
 * Per stage of Tolk's live path (`tolk_live_stage_seconds`, issue #18), over
 * the load phase: mean, and p50/p99 as the upper bounds of their buckets (ms).
 * @returns {StageFigures}
 */
function stageFigures(before, after) {
  /** @type {StageFigures} */
  const figures = {};
  for (const stage of STAGES) {
    const label = `stage="${stage}"`;
    const p50 = histogram(after, before, 'tolk_live_stage_seconds', 50, label);
    const p99 = histogram(after, before, 'tolk_live_stage_seconds', 99, label);
    figures[stage] = { count: p50.count, mean: p50.mean * 1000, p50: p50.p50 * 1000, p99: p99.p99 * 1000 };
  }
  return figures;
}

// ---------------------------------------------------------------- report

const MB = 1024 * 1024;
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const list = (values) =>
  values.length <= 3 ? values.map(f1).join(' / ') : `median ${f1(median(values))} of ${values.length}`;

function print(s, results, build, runs) {
  const ref = results.find((r) => r.kind === 'reference');
  const durable = results.find((r) => r.kind === 'durable');
  const tolk = results.find((r) => r.kind === 'tolk');
  const cols = [ref, durable, tolk].filter(Boolean);
  // Ratio columns: Tolk over each reference that ran.
  const bases = tolk ? [ref, durable].filter(Boolean) : [];
  const ratios = (get) => bases.map((base) => (get ? `${f2(get(tolk) / get(base))}×` : ''));
  /** @type {[string, (r: any) => string, ((r: any) => number)?][]} label, how to show a run, the value a ratio compares */
  const rows = [
    ['propagation p50 (ms)', (r) => f2(r.latency.p50), (r) => r.latency.p50],
    ['propagation p95 (ms)', (r) => f2(r.latency.p95), (r) => r.latency.p95],
    ['propagation p99 (ms)', (r) => f2(r.latency.p99), (r) => r.latency.p99],
    ['propagation max (ms)', (r) => f1(r.latency.max)],
    ['edits delivered / s', (r) => f1(r.deliveriesPerSecond), (r) => r.deliveriesPerSecond],
    ['edits sent (all phases)', (r) => String(r.sent)],
    ['lost edits', (r) => `${r.lost} of ${r.expected}`],
    [
      'converged',
      (r) => (r.diverged === 0 ? 'yes' : `no (${r.diverged} of ${s.documents * s.rounds} documents diverged)`),
    ],
    [
      "persisted = clients' text",
      (r) =>
        r.persistedMismatch === undefined
          ? 'n/a'
          : r.persistedMismatch === 0
            ? 'yes'
            : `no (${r.persistedMismatch} differ)`,
    ],
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
  const header = ['', ...cols.map((r) => LABEL[r.kind]), ...bases.map((base) => `Tolk/${LABEL[base.kind]}`)];
  const table = [header, ...rows.map(([label, show, value]) => [label, ...cols.map(show), ...ratios(value)])];
  const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  if (s.rounds > 1) {
    console.log('\nPer round: p50 / p99 ms (CPU used by the rest of the machine meanwhile, % of a core)');
    for (const r of runs)
      console.log(
        `  round ${r.round + 1} ${LABEL[r.kind].padEnd(12)}  ${f2(r.latency.p50)} / ${f2(r.latency.p99)}  (${f1(r.otherCpu)})`,
      );
  }
  const rounds = s.rounds > 1 ? `, ${s.rounds} rounds pooled` : '';
  console.log(
    `\nSync benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${s.clients} clients / ${s.documents} documents / ${s.rate} edits/s each, ${s.seconds} s measured${rounds}`,
  );
  console.log(
    `node ${process.version}, ${cpus().length} cores; latency = receive − send of each edit at every other client of its document`,
  );
  if (build)
    console.log(
      `Tolk: HEAD ${build.head}, dist built ${build.builtAt.slice(0, 19)}Z${build.stale ? ' (older than its sources)' : ''}`,
    );
  for (const [i, row] of table.entries()) {
    console.log(
      row.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '),
    );
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
  const stages = runs.find((r) => r.kind === 'tolk' && r.stages)?.stages;
  if (stages) {
    console.log(
      `\nWhere Tolk's edits waited (server side, /metrics of the ${s.rounds > 1 ? 'first ' : ''}load phase; p50/p99 = bucket bounds):`,
    );
    for (const stage of STAGES) {
      const f = stages[stage];
      console.log(
        `  ${stage.padEnd(9)} mean ${f2(f.mean).padStart(7)} ms   p50 ≤ ${f2(f.p50).padStart(6)} ms   p99 ≤ ${f2(f.p99).padStart(6)} ms   (${f.count} edits)`,
      );
    }
  }
  if (tolk && bases.length > 0) {
    console.log('');
    verdicts('all measured phases', (kind) => results.find((r) => r.kind === kind)?.latency);
    const noisy = runs.filter((r) => !quiet(r));
    if (noisy.length > 0) {
      console.log(
        `NOTE: other work used ≥ ${QUIET_REST_CPU} % of a core during ${noisy.map((r) => `${LABEL[r.kind]} (round ${r.round + 1}: ${f1(r.otherCpu)} %)`).join(', ')}; ` +
          'the tail latencies of those phases mostly measure the machine.',
      );
      const quietOf = (kind) => runs.filter((r) => r.kind === kind && quiet(r));
      if (quietOf('tolk').length > 0 && bases.every((base) => quietOf(base.kind).length > 0))
        verdicts('quiet phases only, medians of their p50 and p99', (kind) => ({
          p50: median(quietOf(kind).map((r) => r.latency.p50)),
          p99: median(quietOf(kind).map((r) => r.latency.p99)),
        }));
      else console.log('No quiet phase for every server: run again (or with --rounds 2) before quoting the ratios.');
    }
  }
}

/** A phase counts as quiet when the rest of the machine used less than this (% of a core). */
const QUIET_REST_CPU = 10;
const quiet = (run) => run.otherCpu < QUIET_REST_CPU;

/**
 * The targets of the sync benchmark: Tolk within 15 % of the durable reference
 * (p50 and p99), and its p99 within 1.5× of the reference that stores nothing.
 * @param {string} label
 * @param {(kind: string) => { p50: number, p99: number } | undefined} latencyOf
 */
function verdicts(label, latencyOf) {
  const tolk = latencyOf('tolk');
  if (!tolk) return;
  /** @type {[string, 'p50' | 'p99', number][]} */
  const targets = [
    ['durable', 'p50', 1.15],
    ['durable', 'p99', 1.15],
    ['reference', 'p99', 1.5],
  ];
  for (const [kind, at, limit] of targets) {
    const base = latencyOf(kind);
    if (!base) continue;
    const ratio = tolk[at] / base[at];
    const outcome = ratio <= limit ? 'MET' : `MISSED (by ${f1((ratio / limit - 1) * 100)} %)`;
    console.log(
      `Target, ${label}: Tolk ${at} ≤ ${limit} × ${LABEL[kind]} ${at} → ${f2(tolk[at])} / ${f2(base[at])} ms = ${f2(ratio)}× → ${outcome}`,
    );
  }
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
  const kinds = s.kinds;
  const build = kinds.includes('tolk') ? checkBuild(s.build) : undefined;
  const started = now();
  const runs = [];
  for (let round = 0; round < s.rounds; round++) {
    // Alternate the order (AB, BA, …) so a trend in the machine's load hits both alike.
    for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse())
      runs.push({ round, ...(await runServer(kind, s)) });
  }
  const results = kinds.map((kind) => combine(runs.filter((r) => r.kind === kind)));
  print(s, results, build, runs);
  console.log(`\n(run took ${f1((now() - started) / 1000)} s)`);
  if (s.json) {
    /** @param {any} run */
    const strip = ({ latencies, docHashes, ...rest }) => rest;
    writeFileSync(
      s.json,
      JSON.stringify(
        { settings: s, build, at: new Date().toISOString(), results: results.map(strip), runs: runs.map(strip) },
        null,
        2,
      ),
    );
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
    Promise.race([exited, sleep(3_000)])
      .then(() => stopProcess(server.child))
      .finally(() => {
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
