// `npm run bench:restart`: how fast Tolk on its embedded PostgreSQL is
// healthy again after the two crashes a self-hosted server meets.
//   1. `kill -9` of the api (its postmaster is then an orphan, or killed too):
//      a supervisor starts the api again; time from the new process to a
//      healthy `/api/health`, split into the phases the api logs.
//   2. Only the postmaster killed (the OOM killer's usual victim): the api
//      restarts it by itself; time from the kill to a healthy `/api/health`.
// Medians over `--reps` repetitions, one data directory, the demo seeded once.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBuild, cleanEnv, cleanups, f1, options, printTable, root, runMain } from '../lib/harness.mjs';
import { percentile, sleep } from '../sync/lib.mjs';

const MAIN = join(root, 'dist/apps/api/main.js');

function settings(argv) {
  const { num, quick, common } = options(argv);
  return { ...common, reps: num('reps', 'BENCH_REPS', quick ? 2 : 7) };
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Starts the built api on `dataDir`; resolves when it prints its banner. */
function start(dataDir, port) {
  const began = performance.now();
  const child = spawn(process.execPath, [MAIN], {
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

  console.log('First start (creates the cluster and the demo)…');
  let server = await start(dataDir, port);
  const firstStartMs = (await healthyAfter(server.url, server.began)) ?? Number.NaN;

  const coldRestart = [];
  const coldPhases = [];
  const orphanAlive = [];
  for (let rep = 0; rep < s.reps; rep++) {
    // kill -9 of the api alone: its postmaster lives on as an orphan.
    const orphan = postmasterPid(dataDir);
    server.child.kill('SIGKILL');
    await exited(server.child);
    orphanAlive.push(isAlive(orphan));
    server = await start(dataDir, port);
    coldRestart.push(await healthyAfter(server.url, server.began));
    coldPhases.push(server.phases);
  }
  const killTree = [];
  for (let rep = 0; rep < s.reps; rep++) {
    // kill -9 of the whole tree (api and postmaster): stale postmaster.pid, WAL recovery.
    const postmaster = postmasterPid(dataDir);
    server.child.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    await exited(server.child);
    server = await start(dataDir, port);
    killTree.push(await healthyAfter(server.url, server.began));
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

  const row = (label, values, target) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [label, f1(percentile(sorted, 50)), f1(sorted[sorted.length - 1]), target];
  };
  console.log(
    `\nFirst start with the demo: ${f1(firstStartMs)} ms (orphaned postmaster alive after kill -9 of the api: ${orphanAlive.filter(Boolean).length}/${s.reps})`,
  );
  printTable([
    ['healthy again (ms)', 'median', 'max', 'target'],
    row('restart after kill -9 of the api', coldRestart, '< 2500'),
    row('restart after kill -9 of api and postmaster', killTree, '< 2500'),
    row('postmaster killed, api heals it', postmasterOnly, '< 5000'),
  ]);
  console.log('\nWhere a restart after kill -9 of the api spends its time (median ms, from the banner):');
  const phaseNames = Object.keys(coldPhases[0] ?? {});
  printTable([
    ['phase', ...phaseNames],
    [
      'ms',
      ...phaseNames.map((p) =>
        f1(
          percentile(
            [...coldPhases.map((x) => x[p])].sort((a, b) => a - b),
            50,
          ),
        ),
      ),
    ],
  ]);
}

runMain(main);
