// `npm run bench:restart`: how fast Tolk on its embedded PostgreSQL is
// healthy again after the two crashes a self-hosted server meets.
//   1. `kill -9` of the api (its postmaster is then an orphan, or killed too):
//      a supervisor starts the api again; time from the new process to a
//      healthy `/api/health`, split into the phases the api logs.
//   2. Only the postmaster killed (the OOM killer's usual victim): the api
//      restarts it by itself; time from the kill to a healthy `/api/health`.
// Medians over `--reps` repetitions, one data directory, the demo seeded once.
// `--entries a.js,b.js` (paths under dist/apps/api) restarts each entry in
// turn in every repetition, so that two builds are compared in one run at the
// same load; besides the wall time it reports the api's own CPU time until
// healthy (user + system, from /proc), which depends less on the load.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBuild, cleanEnv, cleanups, f1, f2, options, printTable, root, runMain } from '../lib/harness.mjs';
import { percentile, sleep } from '../sync/lib.mjs';

/** What `npm start` runs (the bundle), and the modules as tsc emitted them. */
const ENTRIES = ['bundle/main.js', 'main.js'];

function settings(argv) {
  const { num, quick, common, flag } = options(argv);
  const entries = String(flag('entries', 'BENCH_ENTRIES', ENTRIES[0])).split(',');
  for (const entry of entries)
    if (!existsSync(join(root, 'dist/apps/api', entry))) throw new Error(`dist/apps/api/${entry} is missing`);
  return { ...common, entries, reps: num('reps', 'BENCH_REPS', quick ? 2 : 7) };
}

const TICK_MS = 1000 / Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim() || 100);

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Starts the built api (`entry` under dist/apps/api) on `dataDir`; resolves when it prints its banner. */
function start(dataDir, port, entry) {
  const began = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist/apps/api', entry)], {
    env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', TOLK_DATA_DIR: dataDir, TOLK_DEMO: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Tolk is ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve({ child, url: match[1], began, output: () => output, phases: phasesOf(output) });
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the api exited:\n${output}`));
      }
    }, 5);
  });
}

/** The banner's "started in 2.1 s: database 0.9 s, api 0.8 s, …" as {phase: ms}. */
function phasesOf(output) {
  const line = /started in [\d.]+ s: ([^)]*)\)/.exec(output)?.[1] ?? '';
  return Object.fromEntries([...line.matchAll(/(\w+) ([\d.]+) s/g)].map(([, phase, s]) => [phase, Number(s) * 1000]));
}

async function healthyAfter(url, since, timeoutMs = 30_000) {
  while (performance.now() - since < timeoutMs) {
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return performance.now() - since;
    await sleep(10);
  }
  return Number.NaN;
}

/** A new api on `entry`, timed from its spawn to healthy: wall ms, its CPU ms by then, its phases. */
async function restart(dataDir, port, entry) {
  const server = await start(dataDir, port, entry);
  const wall = await healthyAfter(server.url, server.began);
  return { server, wall, cpu: cpuMs(server.child.pid), phases: server.phases };
}

const postmasterPid = (dataDir) =>
  Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
const exited = (child) =>
  new Promise((r) => (child.exitCode !== null || child.signalCode ? r() : child.once('exit', r)));

async function main() {
  const s = settings(process.argv.slice(2));
  checkBuild(s.build);
  const dataDir = await mkdtemp(join(tmpdir(), 'tolk-bench-restart-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const loadBefore = load();

  console.log(`First start (creates the cluster and the demo), entries: ${s.entries.join(', ')}…`);
  let server = await start(dataDir, port, s.entries[0]);
  const firstStartMs = (await healthyAfter(server.url, server.began)) ?? Number.NaN;
  // The bundle's entry writes V8's code cache a second after its first start (scripts/bundle-start.mjs).
  await sleep(2_000);

  /** Per entry: the restarts after kill -9 of the api alone, and of the api and its postmaster. */
  const results = Object.fromEntries(s.entries.map((e) => [e, { api: [], tree: [] }]));
  const orphanAlive = [];
  for (let rep = 0; rep < s.reps; rep++) {
    // Alternate the order, so that neither entry always follows the other.
    const order = rep % 2 === 0 ? s.entries : [...s.entries].reverse();
    for (const entry of order) {
      // kill -9 of the api alone: its postmaster lives on as an orphan.
      const orphan = postmasterPid(dataDir);
      server.child.kill('SIGKILL');
      await exited(server.child);
      orphanAlive.push(isAlive(orphan));
      const cold = await restart(dataDir, port, entry);
      server = cold.server;
      results[entry].api.push(cold);
    }
    for (const entry of order) {
      // kill -9 of the whole tree (api and postmaster): stale postmaster.pid, WAL recovery.
      const postmaster = postmasterPid(dataDir);
      server.child.kill('SIGKILL');
      process.kill(postmaster, 'SIGKILL');
      await exited(server.child);
      const tree = await restart(dataDir, port, entry);
      server = tree.server;
      results[entry].tree.push(tree);
    }
  }
  const postmasterOnly = [];
  for (let rep = 0; rep < s.reps; rep++) {
    await sleep(500);
    const killedAt = performance.now();
    process.kill(postmasterPid(dataDir), 'SIGKILL');
    // /api/health only turns 503 once the pool notices; wait for that first.
    await sleep(50);
    postmasterOnly.push(await healthyAfter(server.url, killedAt));
    if (server.child.exitCode !== null) throw new Error('the api exited after its postmaster was killed');
  }
  server.child.kill('SIGTERM');
  await exited(server.child);

  const median = (values) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  const row = (label, values, target) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [label, f1(percentile(sorted, 50)), f1(sorted[sorted.length - 1]), target];
  };
  console.log(
    `\nFirst start with the demo: ${f1(firstStartMs)} ms (orphaned postmaster alive after kill -9 of the api: ${orphanAlive.filter(Boolean).length}/${orphanAlive.length})`,
  );
  console.log(`Load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()}; ${s.reps} reps per entry`);
  const table = [['healthy again (ms)', 'median', 'max', 'target']];
  for (const entry of s.entries) {
    table.push(
      row(
        `${entry}: restart after kill -9 of the api`,
        results[entry].api.map((r) => r.wall),
        '< 2500',
      ),
    );
    table.push(
      row(
        `${entry}: … of api and postmaster`,
        results[entry].tree.map((r) => r.wall),
        '< 2500',
      ),
    );
    table.push(row(`${entry}: api CPU until healthy (all restarts)`, cpuOf(results[entry]), ''));
  }
  table.push(row('postmaster killed, api heals it', postmasterOnly, '< 5000'));
  printTable(table);
  if (s.entries.length === 2) {
    const [a, b] = s.entries.map((e) => results[e]);
    const ratio = (x, y) => f2(median(x) / median(y));
    console.log(
      `\n${s.entries[0]} / ${s.entries[1]} (medians): restart after kill -9 of the api ${ratio(
        a.api.map((r) => r.wall),
        b.api.map((r) => r.wall),
      )}, ` +
        `of api and postmaster ${ratio(
          a.tree.map((r) => r.wall),
          b.tree.map((r) => r.wall),
        )}, api CPU until healthy ${ratio(cpuOf(a), cpuOf(b))}`,
    );
  }
  const phaseNames = Object.keys(results[s.entries[0]].api[0]?.phases ?? {});
  for (const [kind, label] of [
    ['api', 'of the api'],
    ['tree', 'of the api and its postmaster'],
  ]) {
    console.log(`\nWhere a restart after kill -9 ${label} spends its time (median ms, from the banner):`);
    printTable([
      ['entry', ...phaseNames],
      ...s.entries.map((entry) => [
        entry,
        ...phaseNames.map((p) => f1(median(results[entry][kind].map((r) => r.phases[p])))),
      ]),
    ]);
  }
}

const cpuOf = (result) => [...result.api, ...result.tree].map((r) => r.cpu);

runMain(main);
