// `npm run bench:cluster`: the bench:sync workload against ONE api instance
// (no Redis), then against TWO instances sharing PostgreSQL and a
// redis-server, in the same run and on the same PostgreSQL server (a fresh
// database each). With two, each document has clients on both instances, so
// every edit crosses Redis to reach half of its readers.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  checkBuild,
  cleanups,
  clientSpecs,
  f1,
  f2,
  MB,
  options,
  printTable,
  runLoad,
  runMain,
  setUpProject,
  waitQuiet,
} from '../lib/harness.mjs';
import {
  connectDatabase,
  histogram,
  scrapeMetrics,
  startInstance,
  startPostgres,
  startRedis,
  textFromPostgres,
} from '../lib/cluster.mjs';
import { hash, now, ProcessSampler } from '../sync/lib.mjs';

function settings(argv) {
  const { flag, num, quick, common } = options(argv);
  const s = {
    ...common,
    clients: num('clients', 'BENCH_CLIENTS', quick ? 40 : 200),
    documents: num('documents', 'BENCH_DOCUMENTS', quick ? 4 : 20),
    rate: num('rate', 'BENCH_RATE', 2),
    seconds: num('seconds', 'BENCH_SECONDS', quick ? 5 : 20),
    warmup: num('warmup', 'BENCH_WARMUP', quick ? 2 : 3),
    settle: num('settle', 'BENCH_SETTLE', 10),
    quietWait: Number(flag('quiet-wait', 'BENCH_QUIET_WAIT', quick ? 0 : 120)),
    rounds: num('rounds', 'BENCH_ROUNDS', 1),
  };
  if (s.documents > s.clients / 2)
    throw new Error('--documents must be at most half of --clients (each document needs a client on each instance)');
  return s;
}

/**
 * One phase: `instances` api processes on a fresh database, the clients of
 * each document spread over all of them; figures per instance.
 */
async function phase(s, postgres, label, count, redis) {
  console.log(`\n── ${label}: starting`);
  const databaseUrl = await postgres.createDatabase(label.replace(/\W/g, '_').toLowerCase());
  const instances = [];
  for (let k = 0; k < count; k++) {
    const instance = await startInstance({ name: String.fromCharCode(65 + k), databaseUrl, redisUrl: redis?.url });
    cleanups.push(() => instance.stop());
    instances.push(instance);
  }
  const setup = await setUpProject(instances[0].baseUrl, {
    clients: s.clients,
    documents: s.documents,
    title: 'Cluster benchmark',
  });
  // Client i: document i mod D, instance (i div D) mod N; generators alternate in pairs of rounds so each holds clients of every instance.
  const specs = clientSpecs(s, setup, (round) => ({ kind: 'tolk', wsUrl: instances[round % count].wsUrl })).map(
    (c) => ({
      ...c,
      worker: Math.floor(c.round / count) % 2,
    }),
  );
  const samplers = [...instances.map((i) => new ProcessSampler(i.pid)), new ProcessSampler(postgres.pid)];
  if (redis) samplers.push(new ProcessSampler(redis.pid));
  const metricsBefore = await Promise.all(instances.map((i) => scrapeMetrics(i.baseUrl)));
  console.log(
    `── ${label}: ${s.clients} clients over ${s.documents} documents and ${count} instance(s), ${s.rate} edits/s each, ${s.warmup} s warm-up + ${s.seconds} s measured`,
  );
  await waitQuiet(s.quietWait);
  const loadStart = now();
  const load = await runLoad(specs, s, samplers);
  const metricsAfter = await Promise.all(instances.map((i) => scrapeMetrics(i.baseUrl)));
  for (const sampler of samplers) sampler.stop();

  // The clients agree with each other (load.diverged); do they agree with what PostgreSQL holds?
  const db = await connectDatabase(databaseUrl);
  let persistedMismatch = 0;
  for (const [d, clientHash] of load.docHashes)
    if (hash(await textFromPostgres(db, setup.documents[d])) !== clientHash) persistedMismatch++;
  await db.end();

  const cpu = samplers.map((sampler, k) => ProcessSampler.cpu(load.marks.from[k], load.marks.to[k]));
  const perInstance = instances.map((instance, k) => ({
    name: instance.name,
    rssPeak: samplers[k].peak('rss', loadStart),
    cpu: cpu[k].server,
    commit: histogram(metricsAfter[k], metricsBefore[k], 'tolk_update_commit_seconds'),
    batch: histogram(metricsAfter[k], metricsBefore[k], 'tolk_update_batch_size'),
    redisLag: histogram(metricsAfter[k], metricsBefore[k], 'tolk_redis_lag_seconds'),
    broadcast:
      (metricsAfter[k].get('tolk_collab_broadcast_messages_total') ?? 0) -
      (metricsBefore[k].get('tolk_collab_broadcast_messages_total') ?? 0),
    clients: specs.filter((c) => c.server.wsUrl === instance.wsUrl).length,
  }));
  const pgIndex = instances.length;
  const postgresFigures = {
    rssPeak: samplers[pgIndex].peak('rss', loadStart) + samplers[pgIndex].peak('childRss', loadStart),
    cpu: cpu[pgIndex].server + cpu[pgIndex].children,
  };
  const redisCpu = redis ? cpu[pgIndex + 1].server : 0;
  const ours =
    perInstance.reduce((sum, i) => sum + i.cpu, 0) +
    postgresFigures.cpu +
    redisCpu +
    load.generators.reduce((sum, g) => sum + g.cpu, 0);
  for (const instance of instances) await instance.stop(); // (their cleanup steps then do nothing)
  const { latencies, marks, ...figures } = load;
  return {
    label,
    count,
    ...figures,
    persistedMismatch,
    perInstance,
    postgres: postgresFigures,
    redis: redis ? { cpu: redisCpu, rss: samplers[pgIndex + 1].peak('rss', loadStart) } : undefined,
    otherCpu: Math.max(0, load.machineCores - ours),
  };
}

function print(s, one, two, build) {
  const ms = (x) => f2(x * 1000);
  const instanceCells = (r, get) => r.perInstance.map(get).join(' / ');
  const rows = [
    ['', 'one instance', 'two instances + Redis', 'two / one'],
    ['propagation p50 (ms)', f2(one.latency.p50), f2(two.latency.p50), `${f2(two.latency.p50 / one.latency.p50)}×`],
    ['propagation p95 (ms)', f2(one.latency.p95), f2(two.latency.p95), `${f2(two.latency.p95 / one.latency.p95)}×`],
    ['propagation p99 (ms)', f2(one.latency.p99), f2(two.latency.p99), `${f2(two.latency.p99 / one.latency.p99)}×`],
    ['propagation max (ms)', f1(one.latency.max), f1(two.latency.max), ''],
    [
      'edits delivered / s',
      f1(one.deliveriesPerSecond),
      f1(two.deliveriesPerSecond),
      `${f2(two.deliveriesPerSecond / one.deliveriesPerSecond)}×`,
    ],
    ['edits sent', String(one.sent), String(two.sent), ''],
    ['lost edits', `${one.lost} of ${one.expected}`, `${two.lost} of ${two.expected}`, ''],
    [
      'converged (all clients of a document equal)',
      one.diverged ? `no (${one.diverged})` : 'yes',
      two.diverged ? `no (${two.diverged})` : 'yes',
      '',
    ],
    [
      'clients = text rebuilt from PostgreSQL',
      one.persistedMismatch ? `no (${one.persistedMismatch})` : 'yes',
      two.persistedMismatch ? `no (${two.persistedMismatch})` : 'yes',
      '',
    ],
    ['client disconnects', String(one.disconnects), String(two.disconnects), ''],
    ['all clients synced in (ms)', f1(one.syncMs), f1(two.syncMs), ''],
    [
      'api RSS peak per instance (MB)',
      instanceCells(one, (i) => f1(i.rssPeak / MB)),
      instanceCells(two, (i) => f1(i.rssPeak / MB)),
      '',
    ],
    [
      'api CPU per instance (% of a core)',
      instanceCells(one, (i) => f1(i.cpu)),
      instanceCells(two, (i) => f1(i.cpu)),
      '',
    ],
    [
      'api CPU, all instances (% of a core)',
      f1(one.perInstance[0].cpu),
      f1(two.perInstance.reduce((a, i) => a + i.cpu, 0)),
      `${f2(two.perInstance.reduce((a, i) => a + i.cpu, 0) / one.perInstance[0].cpu)}×`,
    ],
    ['clients per instance', instanceCells(one, (i) => i.clients), instanceCells(two, (i) => i.clients), ''],
    [
      'fan-out messages per instance',
      instanceCells(one, (i) => i.broadcast),
      instanceCells(two, (i) => i.broadcast),
      '',
    ],
    [
      'commit mean / p99 bucket (ms)',
      instanceCells(one, (i) => `${ms(i.commit.mean)}/${ms(i.commit.p99)}`),
      instanceCells(two, (i) => `${ms(i.commit.mean)}/${ms(i.commit.p99)}`),
      '',
    ],
    [
      'updates per commit (mean)',
      instanceCells(one, (i) => f2(i.batch.mean)),
      instanceCells(two, (i) => f2(i.batch.mean)),
      '',
    ],
    [
      'Redis lag mean / p99 bucket (ms)',
      '–',
      instanceCells(two, (i) => `${ms(i.redisLag.mean)}/${ms(i.redisLag.p99)}`),
      '',
    ],
    ['Redis messages received per instance', '–', instanceCells(two, (i) => i.redisLag.count), ''],
    ['redis-server CPU (%) / RSS (MB)', '–', `${f1(two.redis.cpu)} / ${f1(two.redis.rss / MB)}`, ''],
    [
      'PostgreSQL CPU (% of a core) / RSS sum (MB)',
      `${f1(one.postgres.cpu)} / ${f1(one.postgres.rssPeak / MB)}`,
      `${f1(two.postgres.cpu)} / ${f1(two.postgres.rssPeak / MB)}`,
      '',
    ],
    [
      'generators CPU (% of a core)',
      one.generators.map((g) => f1(g.cpu)).join(' / '),
      two.generators.map((g) => f1(g.cpu)).join(' / '),
      '',
    ],
    [
      'generators event-loop p99 (ms)',
      one.generators.map((g) => f1(g.eventLoopP99)).join(' / '),
      two.generators.map((g) => f1(g.eventLoopP99)).join(' / '),
      '',
    ],
    ['rest of the machine (% of a core)', f1(one.otherCpu), f1(two.otherCpu), ''],
    ['CPU pressure (% of time a task waited)', f1(one.cpuPressure), f1(two.cpuPressure), ''],
  ];
  console.log(
    `\nCluster benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${s.clients} clients / ${s.documents} documents / ${s.rate} edits/s each, ${s.seconds} s measured${s.quick ? ' (--quick)' : ''}`,
  );
  console.log(
    `node ${process.version}, ${cpus().length} cores; Tolk HEAD ${build.head}, dist built ${build.builtAt.slice(0, 19)}Z; latency = receive − send of each edit at every other client of its document`,
  );
  printTable(rows);
  for (const r of [one, two]) {
    if (r.otherCpu >= 10)
      console.log(
        `NOTE: other work used ${f1(r.otherCpu)} % of a core during "${r.label}": its tail latencies partly measure the machine.`,
      );
  }
}

async function main() {
  const s = settings(process.argv.slice(2));
  const build = checkBuild(s.build);
  const started = now();
  const postgres = await startPostgres();
  cleanups.push(() => postgres.close());
  const redis = await startRedis();
  cleanups.push(() => redis.stop());
  const rounds = [];
  for (let r = 0; r < s.rounds; r++) {
    // Alternate the order (one-two, two-one, …) so that a trend in the machine's load hits both alike.
    const run = async (count) =>
      count === 1
        ? phase(s, postgres, `one instance ${r + 1}`, 1)
        : phase(s, postgres, `two instances ${r + 1}`, 2, redis);
    const [first, second] = r % 2 === 0 ? [1, 2] : [2, 1];
    const a = await run(first);
    const b = await run(second);
    rounds.push(first === 1 ? { one: a, two: b } : { one: b, two: a });
  }
  // The table shows the round in which other work on the machine disturbed the two phases least.
  const noise = (round) => Math.max(round.one.otherCpu, round.two.otherCpu);
  const best = rounds.reduce((a, b) => (noise(b) < noise(a) ? b : a));
  print(s, best.one, best.two, build);
  if (rounds.length > 1) {
    console.log(
      `\nEvery round: p50 / p99 ms (CPU used by the rest of the machine, % of a core); the table shows round ${rounds.indexOf(best) + 1}`,
    );
    for (const [r, round] of rounds.entries()) {
      const cell = (x) => `${f2(x.latency.p50)} / ${f2(x.latency.p99)} (${f1(x.otherCpu)})`;
      console.log(
        `  round ${r + 1}: one instance ${cell(round.one)}, two instances ${cell(round.two)}; lost ${round.one.lost} / ${round.two.lost}`,
      );
    }
  }
  console.log(`\n(run took ${f1((now() - started) / 1000)} s)`);
  if (s.json)
    writeFileSync(s.json, JSON.stringify({ settings: s, build, at: new Date().toISOString(), rounds }, null, 2));
}

runMain(main);
