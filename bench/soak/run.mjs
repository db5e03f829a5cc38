// `npm run bench:soak`: many connected clients over two api instances (with
// Redis, on one PostgreSQL) for a long while, most of them idle (they hold a
// document open and receive), a few editing. Watches the latency minute by
// minute and the memory of each instance every 10 s (does it grow?), and at
// the end checks that nothing was lost and that every client's replica equals
// the text rebuilt from PostgreSQL.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  checkBuild,
  cleanups,
  clientSpecs,
  closeChild,
  f1,
  f2,
  forkChild,
  MB,
  options,
  printTable,
  runMain,
  setUpProject,
  WORKER,
} from '../lib/harness.mjs';
import { connectDatabase, scrapeMetrics, startCluster, textFromPostgres } from '../lib/cluster.mjs';
import { hash, machineTicks, now, percentile, processStats, sleep } from '../sync/lib.mjs';

function settings(argv) {
  const { num, quick, common } = options(argv);
  const s = {
    ...common,
    clients: num('clients', 'BENCH_CLIENTS', quick ? 200 : 1000),
    documents: num('documents', 'BENCH_DOCUMENTS', quick ? 20 : 100),
    editors: num('editors', 'BENCH_EDITORS', quick ? 10 : 50),
    rate: num('rate', 'BENCH_RATE', 1),
    minutes: num('minutes', 'BENCH_MINUTES', quick ? 1 : 10),
    sampleEvery: num('sample', 'BENCH_SAMPLE', 10),
    settle: num('settle', 'BENCH_SETTLE', 15),
    // 1: every client on one instance (still with Redis, as a cluster of one); 2: alternating.
    instances: num('instances', 'BENCH_INSTANCES', 2),
  };
  if (s.instances !== 1 && s.instances !== 2) throw new Error('--instances must be 1 or 2');
  if (s.editors > 2 * s.documents)
    throw new Error('--editors must be at most twice --documents (two editors per document)');
  if (s.clients < 2 * s.documents) throw new Error('--clients must be at least twice --documents');
  return s;
}

const busyShare = (a, b) => (a && b ? (100 * (b.busy - a.busy)) / (b.total - a.total) : NaN);

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return num / den;
}

async function main() {
  const s = settings(process.argv.slice(2));
  const build = checkBuild(s.build);
  const started = now();
  const { databaseUrl, instances } = await startCluster('soak', s.instances);
  console.log(`── setting up ${Math.ceil(s.clients / 10)} users and ${s.documents} documents`);
  const setup = await setUpProject(instances[0].baseUrl, { clients: s.clients, documents: s.documents, title: 'Soak' });

  // Client i: document i mod D, instance by its round (i div D) alternating; the first two rounds
  // of the first editors/2 documents edit: two editors per busy document, one on each instance and
  // in different generators (round 0 → generator 0, round 1 → 1, 2 → 1, 3 → 0, …).
  const specs = clientSpecs(s, setup, (round) => ({ kind: 'tolk', wsUrl: instances[round % s.instances].wsUrl })).map(
    (c) => ({
      ...c,
      worker: (c.round ^ (c.round >> 1)) & 1,
      idle: !(c.round < 2 && c.docIndex < Math.ceil(s.editors / 2)),
    }),
  );
  const editors = specs.filter((c) => !c.idle).length;
  const workers = [forkChild(WORKER), forkChild(WORKER)];
  cleanups.push(() => Promise.all(workers.map((w) => closeChild(w))));
  const all = (message, type) => Promise.all(workers.map((w) => w.ask(message, type)));

  console.log(
    `── connecting ${s.clients} clients (${editors} editing at ${s.rate} edit/s, the rest idle) to ${s.instances === 1 ? 'one instance' : '2 instances'}`,
  );
  const synced = await Promise.all(
    workers.map((w, k) =>
      w.ask(
        { cmd: 'connect', worker: k, seed: 21 + k, sendTimes: true, specs: specs.filter((c) => c.worker === k) },
        'synced',
      ),
    ),
  );
  const connections = await Promise.all(
    instances.map(async (i) => (await scrapeMetrics(i.baseUrl)).get('tolk_collab_connections')),
  );
  console.log(
    `   all synced in ${f1(Math.max(...synced.map((m) => m.ms)))} ms; open connections A / B: ${connections.join(' / ')}`,
  );

  const startAt = now() + 500;
  const endAt = startAt + s.minutes * 60_000;
  await all({ cmd: 'start', startAt, from: startAt, to: endAt, rate: s.rate }, 'started');

  // Every `sampleEvery` s: each instance's RSS and CPU, and the deliveries so far (by minute of sending).
  const minutes = Array.from({ length: Math.ceil(s.minutes) }, () => []);
  // The generators' worst 10-s event-loop p99 per minute: a tail the clients made themselves.
  const generatorLoop = Array.from({ length: Math.ceil(s.minutes) }, () => 0);
  const rss = [];
  const machine = [machineTicks()]; // busy share of the machine per minute: other sessions share it
  const cpuFrom = instances.map((i) => processStats(i.pid));
  let printed = 0;
  const drain = async () => {
    const minute = Math.min(minutes.length - 1, Math.floor((now() - startAt) / 60_000));
    for (const m of await all({ cmd: 'drain' }, 'drained')) {
      generatorLoop[minute] = Math.max(generatorLoop[minute], m.eventLoopP99);
      for (let k = 0; k < m.latencies.length; k++)
        minutes[Math.min(minutes.length - 1, Math.floor((m.sentAt[k] - startAt) / 60_000))].push(m.latencies[k]);
    }
  };
  console.log(`── ${s.minutes} minute(s); a line per minute`);
  while (now() < endAt) {
    await sleep(Math.min(s.sampleEvery * 1000, Math.max(0, endAt - now())));
    rss.push({ at: (now() - startAt) / 60_000, values: instances.map((i) => processStats(i.pid).rss) });
    await drain();
    // A minute is complete once its edits could all have arrived (a second after it ended).
    if (now() >= startAt + machine.length * 60_000) machine.push(machineTicks());
    while (printed < minutes.length && now() > startAt + (printed + 1) * 60_000 + 1_000) {
      const sorted = minutes[printed].sort((a, b) => a - b);
      const last = rss
        .at(-1)
        .values.map((v) => f1(v / MB))
        .join(' / ');
      console.log(
        `   minute ${printed + 1}: ${sorted.length} deliveries, p50 ${f2(percentile(sorted, 50))} ms, p99 ${f2(percentile(sorted, 99))} ms, ` +
          `max ${f1(sorted.at(-1))} ms; RSS A / B ${last} MB; machine ${f1(busyShare(machine[printed], machine[printed + 1]))} % busy; ` +
          `generators' event-loop p99 up to ${f1(generatorLoop[printed])} ms`,
      );
      printed++;
    }
  }
  const cpuTo = instances.map((i) => processStats(i.pid));
  if (machine.length <= minutes.length) machine.push(machineTicks());

  // The end: every delivery arrived? every replica equal to PostgreSQL?
  const sentBy = Object.assign({}, ...(await all({ cmd: 'stop' }, 'sent')).map((m) => m.sent));
  const docSent = new Array(s.documents).fill(0);
  for (const c of specs) docSent[c.docIndex] += sentBy[c.id];
  const expected = Object.fromEntries(specs.map((c) => [c.id, docSent[c.docIndex] - sentBy[c.id]]));
  const reports = await all({ cmd: 'settle', expected, timeoutMs: s.settle * 1000 }, 'report');
  // Deliveries after the last drain are of edits sent at the very end.
  for (const r of reports) minutes.at(-1).push(...r.latencies);
  const states = reports.flatMap((r) => r.clients);
  const expectedTotal = Object.values(expected).reduce((a, b) => a + b, 0);
  const received = states.reduce((sum, c) => sum + Math.min(c.received, expected[c.id]), 0);
  const db = await connectDatabase(databaseUrl);
  const stored = [];
  for (const id of setup.documents) stored.push(hash(await textFromPostgres(db, id)));
  await db.end();
  const unequal = states.filter((c) => c.hash !== stored[c.docIndex]).length;

  const perMinute = minutes
    .map((values) => {
      const sorted = values.sort((a, b) => a - b);
      return {
        deliveries: sorted.length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1),
      };
    })
    .map((m, i) => ({ ...m, machineBusy: busyShare(machine[i], machine[i + 1]), generatorLoopP99: generatorLoop[i] }));
  // Growth: the slope of RSS over the second half of the run. The first minutes are not steady
  // (the heap grows with the first edits, then V8 gives memory back after the connection burst).
  const steady = rss.filter((r) => r.at >= s.minutes / 2);
  const growth = instances.map((_, k) => ({
    half: steady[0]?.values[k],
    last: steady.at(-1)?.values[k],
    peak: Math.max(...rss.map((r) => r.values[k])),
    slopeMBPerMinute: slope(steady.map((r) => [r.at, r.values[k] / MB])),
  }));
  const seconds = (endAt - startAt) / 1000;
  const cpu = instances.map((_, k) => (100 * (cpuTo[k].ticks - cpuFrom[k].ticks)) / 100 / seconds);
  const result = {
    sent: Object.values(sentBy).reduce((a, b) => a + b, 0),
    expected: expectedTotal,
    lost: expectedTotal - received,
    unequal,
    disconnects: states.reduce((sum, c) => sum + c.closes, 0),
    perMinute,
    growth,
    cpu,
    rss,
  };

  console.log(
    `\nSoak benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${s.clients} clients (${editors} editing at ${s.rate} edit/s) / ${s.documents} documents / ${s.instances === 1 ? 'one instance' : '2 instances'} with Redis, ${s.minutes} min${s.quick ? ' (--quick)' : ''}`,
  );
  console.log(
    `node ${process.version}, ${cpus().length} cores; Tolk HEAD ${build.head}, dist built ${build.builtAt.slice(0, 19)}Z; latency = receive − send at every other client of the document, by minute of sending`,
  );
  printTable([
    [
      'minute',
      'deliveries',
      'p50 (ms)',
      'p99 (ms)',
      'max (ms)',
      'machine busy (% of all cores, ours included)',
      'generators: worst 10-s event-loop p99 (ms)',
    ],
    ...perMinute.map((m, i) => [
      i + 1,
      m.deliveries,
      f2(m.p50),
      f2(m.p99),
      f1(m.max),
      f1(m.machineBusy),
      f1(m.generatorLoopP99),
    ]),
  ]);
  console.log('');
  printTable([
    [
      'instance',
      'RSS at half-time (MB)',
      'RSS end (MB)',
      'RSS peak (MB)',
      'growth, 2nd half (MB/min, fit)',
      'CPU (% of a core)',
    ],
    ...instances.map((inst, k) => [
      inst.name,
      f1(growth[k].half / MB),
      f1(growth[k].last / MB),
      f1(growth[k].peak / MB),
      f2(growth[k].slopeMBPerMinute),
      f1(cpu[k]),
    ]),
  ]);
  console.log(
    `\nEdits sent ${result.sent}; deliveries expected ${result.expected}, lost ${result.lost}; ` +
      `${states.length - unequal} of ${states.length} replicas equal to the text rebuilt from PostgreSQL; ${result.disconnects} client disconnects.`,
  );
  console.log(`(run took ${f1((now() - started) / 1000)} s)`);
  if (s.json)
    writeFileSync(s.json, JSON.stringify({ settings: s, build, at: new Date().toISOString(), ...result }, null, 2));
}

runMain(main);
