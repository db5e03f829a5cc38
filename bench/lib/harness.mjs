// What every benchmark orchestrator needs (bench:sync, bench:cluster,
// bench:soak, bench:faults): options, the forked load generators, Tolk's build,
// a project with users and documents over REST, and one measured load phase.
// The clients themselves live in sync/worker.mjs.
import { execSync, fork } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { addMember, api, machineTicks, now, percentile, seedText, signUp, sleep } from '../sync/lib.mjs';

export const root = new URL('../..', import.meta.url).pathname;
/** Tolk allows 20 open /collab connections per user and instance: 10 clients per user leaves room to reconnect. */
export const CLIENTS_PER_USER = 10;
export const WORKER = new URL('../sync/worker.mjs', import.meta.url);

// ---------------------------------------------------------------- options

/** `--name value` or the environment variable, else the fallback; `num` insists on a positive number. */
export function options(argv) {
  const flag = (name, env, fallback) => {
    const i = argv.indexOf(`--${name}`);
    const value = i >= 0 ? argv[i + 1] : env ? process.env[env] : undefined;
    return value === undefined ? fallback : value;
  };
  const num = (name, env, fallback) => {
    const value = Number(flag(name, env, fallback));
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const has = (name) => argv.includes(`--${name}`);
  const quick = has('quick');
  // Every script: --quick (a smoke run), --json FILE (all figures), --build (build the api first).
  const common = { quick, json: flag('json', 'BENCH_JSON', undefined), build: has('build') };
  return { flag, num, has, quick, common };
}

// ---------------------------------------------------------------- children

/** Forks a bench child; `ask` sends a command and resolves with its answer of the given type. */
export function forkChild(url) {
  const child = fork(url, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const name = url.pathname.split('/').slice(-2).join('/');
  const ask = (message, type) =>
    new Promise((resolve, reject) => {
      const onMessage = (answer) => {
        if (answer.type !== type && answer.type !== 'error') return;
        cleanup();
        if (answer.type === 'error') reject(new Error(`${name}: ${answer.error}`));
        else resolve(answer);
      };
      const onExit = (code) => {
        cleanup();
        reject(new Error(`${name} exited (${code}) while asked to ${message.cmd}`));
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

export async function closeChild({ child }, message = { cmd: 'close' }) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send(message);
  await Promise.race([exited, sleep(5_000)]);
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

// ---------------------------------------------------------------- Tolk

/**
 * Tolk runs from dist/. It is built only when missing or with --build: the
 * working tree may be shared, and a build first deletes dist/.
 */
export function checkBuild(build) {
  const main = join(root, 'dist/apps/api/main.js');
  if (build || !existsSync(main)) {
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
    head = execSync('git rev-parse --short HEAD', {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // not a git checkout
  }
  const info = { builtAt: new Date(builtAt).toISOString(), head, stale };
  console.log(`Tolk: dist/apps/api/main.js built ${info.builtAt.slice(0, 19)}Z, HEAD ${head}.`);
  if (stale)
    console.log(
      'WARNING: sources under apps/api/src or libs/contracts/src are newer than the build; add --build to measure them.',
    );
  return info;
}

/** Our environment without the settings that would point a child at someone else's database or Redis. */
export function cleanEnv(extra) {
  const env = { ...process.env, ...extra };
  for (const key of [
    'DATABASE_URL',
    'REDIS_URL',
    'TOLK_SECRET',
    'TOLK_PG_PORT',
    'TOLK_METRICS_TOKEN',
    'YPERSISTENCE',
    'CALLBACK_URL',
    'CALLBACK_OBJECTS',
  ]) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

/** Users (one per 10 clients), a project they are all members of, and `documents` documents. */
export async function setUpProject(baseUrl, { clients, documents, title = 'Benchmark' }) {
  const users = [];
  for (let u = 0; u < Math.ceil(clients / CLIENTS_PER_USER); u++) {
    users.push(await signUp(baseUrl, { email: `bench${u}@tolk.example`, name: `Bench ${u}` }));
  }
  const owner = users[0].token;
  const project = await api(baseUrl, 'POST', '/api/projects', { body: { name: title }, token: owner });
  for (const user of users.slice(1)) await addMember(baseUrl, project.id, owner, user, 'coder');
  const ids = [];
  for (let d = 0; d < documents; d++) {
    const body = { title: `Intervju ${d + 1}`, text: seedText(d) };
    ids.push((await api(baseUrl, 'POST', `/api/projects/${project.id}/documents`, { body, token: owner })).id);
  }
  return { users, project, documents: ids };
}

/**
 * Client specs for the generators: client i edits document i mod D; its
 * "round" i div D picks the generator and (with several servers) the
 * instance, so every document has clients in both generators and on every
 * instance. `server(round)` gives `{ kind, wsUrl }`.
 */
export function clientSpecs({ clients, documents, workers = 2 }, setup, server) {
  return Array.from({ length: clients }, (_, i) => {
    const docIndex = i % documents;
    const round = Math.floor(i / documents);
    return {
      id: i,
      docIndex,
      round,
      worker: round % workers,
      server: server(round, i),
      room: setup ? setup.documents[docIndex] : `doc-${docIndex}`,
      token: setup?.users[Math.floor(i / CLIENTS_PER_USER)].token,
      seedText: !setup && round === 0 ? seedText(docIndex) : undefined,
    };
  });
}

// ---------------------------------------------------------------- one load phase

export const latencyStats = (sorted) => ({
  p50: percentile(sorted, 50),
  p95: percentile(sorted, 95),
  p99: percentile(sorted, 99),
  max: sorted.at(-1),
  count: sorted.length,
});

/**
 * Connects the clients (specs from `clientSpecs`) in `workers` forked
 * generators, lets them edit at `rate` for `warmup` + `seconds`, waits up to
 * `settle` seconds for every delivery, and gathers the figures. `samplers`
 * (ProcessSampler) are marked at the start and end of the measured window.
 */
export async function runLoad(specs, s, samplers = [], workerCount = 2) {
  const documents = new Set(specs.map((c) => c.docIndex)).size;
  const workers = Array.from({ length: workerCount }, () => forkChild(WORKER));
  try {
    const synced = await Promise.all(
      workers.map((w, k) =>
        w.ask({ cmd: 'connect', worker: k, seed: 7 + k, specs: specs.filter((c) => c.worker === k) }, 'synced'),
      ),
    );
    const syncMs = Math.max(...synced.map((m) => m.ms));

    const startAt = now() + 300;
    const from = startAt + s.warmup * 1000;
    const to = from + s.seconds * 1000;
    await Promise.all(workers.map((w) => w.ask({ cmd: 'start', startAt, from, to, rate: s.rate }, 'started')));
    await sleep(from - now());
    const marks = { from: samplers.map((x) => x.mark()), machineFrom: machineTicks() };
    await sleep(to - now());
    marks.to = samplers.map((x) => x.mark());
    marks.machineTo = machineTicks();
    await sleep(100);

    const sentBy = Object.assign(
      {},
      ...(await Promise.all(workers.map((w) => w.ask({ cmd: 'stop' }, 'sent')))).map((m) => m.sent),
    );
    const docSent = new Array(documents).fill(0);
    for (const c of specs) docSent[c.docIndex] += sentBy[c.id];
    const expected = Object.fromEntries(specs.map((c) => [c.id, docSent[c.docIndex] - sentBy[c.id]]));
    const reports = await Promise.all(
      workers.map((w) => w.ask({ cmd: 'settle', expected, timeoutMs: s.settle * 1000 }, 'report')),
    );

    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const states = reports.flatMap((r) => r.clients);
    const hashes = new Map();
    for (const c of states) {
      if (!hashes.has(c.docIndex)) hashes.set(c.docIndex, new Set());
      hashes.get(c.docIndex).add(c.hash);
    }
    const expectedTotal = Object.values(expected).reduce((a, b) => a + b, 0);
    const receivedTotal = states.reduce((sum, c) => sum + Math.min(c.received, expected[c.id]), 0);
    const machineBusy =
      (100 * (marks.machineTo.busy - marks.machineFrom.busy)) / (marks.machineTo.total - marks.machineFrom.total);
    return {
      syncMs,
      latencies,
      latency: latencyStats(latencies),
      deliveriesPerSecond: latencies.length / s.seconds,
      sent: Object.values(sentBy).reduce((a, b) => a + b, 0),
      expected: expectedTotal,
      lost: expectedTotal - receivedTotal,
      diverged: [...hashes.values()].filter((set) => set.size > 1).length,
      docHashes: [...hashes.entries()].map(([d, set]) => [d, [...set][0]]),
      disconnects: states.reduce((sum, c) => sum + c.closes, 0),
      marks,
      machineBusy,
      machineCores: (machineBusy / 100) * cpus().length * 100, // % of one core
      cpuPressure:
        (100 * (marks.machineTo.stalled - marks.machineFrom.stalled)) /
        1000 /
        (marks.machineTo.at - marks.machineFrom.at),
      generators: reports.map((r) => ({
        cpu: r.cpuPercent,
        eventLoopP99: r.eventLoopP99,
        eventLoopMax: r.eventLoopMax,
      })),
    };
  } finally {
    await Promise.all(workers.map((w) => closeChild(w)));
  }
}

// ---------------------------------------------------------------- the machine

/**
 * Other sessions share this machine and come and go: before a measured
 * phase, wait (up to `maxSeconds`) for a 2-second window in which the whole
 * machine is less than `busyBelow` % busy while ours idles. Returns that share.
 */
export async function waitQuiet(maxSeconds, busyBelow = 25) {
  if (!maxSeconds) return undefined;
  const started = now();
  for (;;) {
    const a = machineTicks();
    await sleep(2_000);
    const b = machineTicks();
    const busy = (100 * (b.busy - a.busy)) / (b.total - a.total);
    if (busy < busyBelow) {
      if (now() - started > 2_500)
        console.log(
          `   (waited ${((now() - started) / 1000).toFixed(0)} s for a quiet machine: ${busy.toFixed(0)} % busy)`,
        );
      return busy;
    }
    if (now() - started > maxSeconds * 1000) {
      console.log(
        `   (the machine stayed busy for ${maxSeconds} s: ${busy.toFixed(0)} % of all cores used by others; measuring anyway)`,
      );
      return busy;
    }
  }
}

// ---------------------------------------------------------------- printing

export const MB = 1024 * 1024;
export const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
export const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');

/** Prints rows of cells as an aligned table (first column left, the others right). */
export function printTable(table) {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i] ?? '').length)));
  for (const [i, row] of table.entries()) {
    console.log(
      row
        .map((cell, c) => (c === 0 ? String(cell ?? '').padEnd(widths[c]) : String(cell ?? '').padStart(widths[c])))
        .join('  '),
    );
    if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  }
}

/** What to stop at the end (servers, generators), in reverse order of starting. */
export const cleanups = [];
async function cleanup() {
  for (const step of cleanups.splice(0).reverse()) await step().catch(() => {});
}

/** Runs `main`, exits 0 when it finishes (whatever the figures say), 1 on an error; `cleanups` run on a signal too. */
export function runMain(main) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.error(`${signal}: stopping`);
      Promise.resolve(cleanup()).finally(() => process.exit(130));
    });
  }
  main().then(
    async () => {
      await cleanup();
      process.exit(0);
    },
    async (error) => {
      console.error(error.stack ?? String(error));
      await cleanup();
      process.exit(1);
    },
  );
}
