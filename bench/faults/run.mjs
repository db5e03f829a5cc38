// `npm run bench:faults`: two api instances behind a round-robin TCP relay
// (the load balancer), one PostgreSQL and a redis-server, under a steady
// editing load; then, one after the other: SIGKILL of an instance (N times,
// alternating, each restarted), PostgreSQL stopped for a short and a long
// while, Redis stopped for a while. After each fault: how long until every
// client is connected, synced and holds every edit sent before the fault
// ended (recovery), and, at the end, whether any edit that a peer had
// received before the fault is missing from what PostgreSQL holds (lost).
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import WebSocket from 'ws';
import {
  checkBuild,
  cleanups,
  clientSpecs,
  closeChild,
  f1,
  forkChild,
  options,
  printTable,
  runMain,
  setUpProject,
  WORKER,
} from '../lib/harness.mjs';
import { connectDatabase, startCluster, startRelay, textFromPostgres, waitFor } from '../lib/cluster.mjs';
import { hash, MARKER, now, percentile, sleep } from '../sync/lib.mjs';

function settings(argv) {
  const { num, quick, common } = options(argv);
  return {
    ...common,
    clients: num('clients', 'BENCH_CLIENTS', quick ? 20 : 40),
    documents: num('documents', 'BENCH_DOCUMENTS', quick ? 2 : 4),
    rate: num('rate', 'BENCH_RATE', 1),
    kills: num('kills', 'BENCH_KILLS', quick ? 3 : 20),
    postgresShort: num('postgres-short', 'BENCH_PG_SHORT', quick ? 5 : 10),
    postgresLong: num('postgres-long', 'BENCH_PG_LONG', quick ? 10 : 60),
    redisDown: num('redis', 'BENCH_REDIS', quick ? 5 : 10),
    gap: num('gap', 'BENCH_GAP', quick ? 2 : 3), // seconds of undisturbed editing before each fault
    recoveryTimeout: num('recovery-timeout', 'BENCH_RECOVERY_TIMEOUT', 90),
  };
}

/** The two generators, seen as one: checkpoints and status summed over both. */
function generators(workers, specs) {
  const docOf = Object.fromEntries(specs.map((c) => [`${c.worker}:${c.id}`, c.docIndex]));
  const all = (message, type) => Promise.all(workers.map((w) => w.ask(message, type)));
  return {
    all,
    /** Edits sent so far by each author. */
    async checkpoint() {
      return Object.assign({}, ...(await all({ cmd: 'checkpoint' }, 'checkpoint')).map((m) => m.sent));
    },
    async status(sent) {
      const answers = await all({ cmd: 'status', sent, docOf }, 'status');
      const sum = (key) => answers.reduce((total, a) => total + a[key], 0);
      return { unsynced: sum('unsynced'), behind: sum('behind'), missing: sum('missing'), clients: sum('clients') };
    },
  };
}

/**
 * Recovery: from the end of the fault until every client is connected and
 * synced and has every edit that any client had sent by then (so edits made
 * during the fault have flowed too).
 */
async function recover(gens, s) {
  const restoredAt = now();
  const sent = await gens.checkpoint();
  let last;
  const ms = await waitFor(async () => {
    last = await gens.status(sent);
    return last.unsynced === 0 && last.missing === 0;
  }, s.recoveryTimeout * 1000);
  return { restoredAt, recoveryMs: ms, stillMissing: ms === undefined ? last : undefined };
}

async function main() {
  const s = settings(process.argv.slice(2));
  const build = checkBuild(s.build);
  const started = now();

  const { postgres, databaseUrl, redis, instances } = await startCluster('faults');
  const relay = await startRelay(instances.map((i) => i.port));
  cleanups.push(() => relay.close());
  const setup = await setUpProject(instances[0].baseUrl, {
    clients: s.clients,
    documents: s.documents,
    title: 'Fault benchmark',
  });

  // Every client goes through the relay; it spreads them over both instances.
  const specs = clientSpecs(s, setup, () => ({ kind: 'tolk', wsUrl: relay.wsUrl }));
  const workers = [forkChild(WORKER), forkChild(WORKER)];
  cleanups.push(() => Promise.all(workers.map((w) => closeChild(w))));
  const gens = generators(workers, specs);
  await Promise.all(
    workers.map((w, k) =>
      w.ask(
        { cmd: 'connect', worker: k, seed: 11 + k, track: true, specs: specs.filter((c) => c.worker === k) },
        'synced',
      ),
    ),
  );
  console.log(
    `── ${s.clients} clients over ${s.documents} documents through the relay (${[...relay.counts.values()].join(' / ')} connections to A / B), ${s.rate} edit/s each`,
  );
  const startAt = now() + 200;
  await gens.all({ cmd: 'start', startAt, from: startAt, to: startAt + 24 * 3600_000, rate: s.rate }, 'started');

  const faults = [];
  const drainLatencies = async () =>
    (await gens.all({ cmd: 'drain' }, 'drained')).flatMap((m) => m.latencies).sort((a, b) => a - b);
  await sleep(s.gap * 1000);
  await drainLatencies();

  /** One fault: `act(faultAt)` breaks something and repairs it (or not); then recovery, and `after` (a restart). */
  const fault = async (name, act, after) => {
    const connectionsBefore = [...relay.counts.values()];
    const faultAt = now();
    const detail = (await act(faultAt)) ?? {};
    const recovery = await recover(gens, s);
    // Connections made through the relay until recovery: the clients of a killed instance coming back.
    const reconnects =
      [...relay.counts.values()].reduce((a, b) => a + b, 0) - connectionsBefore.reduce((a, b) => a + b, 0);
    const extra = after ? await after() : {};
    const latencies = await drainLatencies();
    const row = {
      name,
      faultAt,
      ...detail,
      ...recovery,
      ...extra,
      outageMs: recovery.restoredAt - faultAt,
      deliveries: latencies.length,
      p99: percentile(latencies, 99),
      maxLatency: latencies.at(-1),
      reconnects,
    };
    faults.push(row);
    console.log(
      `  ${name.padEnd(26)} recovered in ${row.recoveryMs === undefined ? `NOT within ${s.recoveryTimeout} s (${JSON.stringify(row.stillMissing)})` : `${f1(row.recoveryMs)} ms`}` +
        ` after ${f1(row.outageMs / 1000)} s of fault; ${row.reconnects} reconnections${row.restartMs ? `; restarted in ${f1(row.restartMs / 1000)} s` : ''}` +
        (row.atKill
          ? `; at the kill ${row.atKill.missing} of the ${row.atKill.seen} edits peers had seen were not in PostgreSQL`
          : ''),
    );
    await sleep(s.gap * 1000);
  };

  /**
   * Durability at the instant of a kill: every edit that any client had
   * received before `before` must already be in PostgreSQL. Run while the
   * relay holds new connections, so that no client of the dead instance can
   * have sent its edits again to the survivor (which would hide a loss).
   */
  const inPostgresNow = async (before) => {
    const seen = new Set((await gens.all({ cmd: 'seen', before }, 'seen')).flatMap((m) => m.keys));
    const db = await connectDatabase(databaseUrl);
    const stored = new Set();
    try {
      for (const id of setup.documents)
        for (const m of (await textFromPostgres(db, id)).matchAll(MARKER)) stored.add(`${m[1]}:${m[2]}:${m[3]}`);
    } finally {
      await db.end();
    }
    return { seen: seen.size, missing: [...seen].filter((key) => !stored.has(key)).length };
  };

  console.log(`── ${s.kills} × SIGKILL of an instance (alternating), each restarted once the clients have recovered`);
  for (let k = 0; k < s.kills; k++) {
    const victim = instances[k % 2];
    await fault(
      `kill -9 ${victim.name} (${k + 1}/${s.kills})`,
      async (faultAt) => {
        relay.hold();
        try {
          await victim.kill9();
          return { atKill: await inPostgresNow(faultAt) };
        } finally {
          relay.release();
        }
      },
      async () => {
        const restartMs = await victim.start();
        // Its clients all moved to the survivor: half of each document's clients reconnect, so the relay spreads
        // them over both again (one generator after the other, so their connections do not interleave).
        for (const w of workers) await w.ask({ cmd: 'reconnect', parity: k % 2 }, 'reconnected');
        const settled = await recover(gens, s);
        return { restartMs, rebalancedMs: settled.recoveryMs };
      },
    );
  }

  for (const seconds of [s.postgresShort, s.postgresLong]) {
    console.log(`── PostgreSQL stopped for ${seconds} s`);
    await fault(`PostgreSQL down ${seconds} s`, async (faultAt) => {
      await postgres.stop();
      await sleep(Math.min(1_000, (seconds * 1000) / 2));
      const probe = await probeOutage(instances[0], setup);
      await sleep(Math.max(0, seconds * 1000 - (now() - faultAt)));
      const t = now();
      await postgres.start();
      return { startMs: now() - t, probe };
    });
  }

  console.log(`── Redis stopped for ${s.redisDown} s`);
  await fault(`Redis down ${s.redisDown} s`, async () => {
    await redis.stop();
    await sleep(s.redisDown * 1000);
    await redis.start();
  });

  // The end: stop editing, let everything arrive, compare every client with PostgreSQL.
  await gens.all({ cmd: 'stop' }, 'sent');
  const drained = await recover(gens, s);
  const finals = await gens.all({ cmd: 'final' }, 'final');
  const db = await connectDatabase(databaseUrl);
  const stored = [];
  for (const id of setup.documents) stored.push(await textFromPostgres(db, id));
  await db.end();
  const storedKeys = new Set(
    stored.flatMap((text) => [...text.matchAll(MARKER)].map((m) => `${m[1]}:${m[2]}:${m[3]}`)),
  );
  const clients = finals.flatMap((f) => f.clients);
  const diverged = clients.filter((c) => c.hash !== hash(stored[c.docIndex])).length;

  // Every edit: when it was sent, when a peer first had it, and whether PostgreSQL has it.
  const firstSeen = new Map();
  for (const f of finals)
    for (const [key, at] of f.firstSeen) firstSeen.set(key, Math.min(at, firstSeen.get(key) ?? Infinity));
  const edits = clients.flatMap((c) =>
    c.sentAt.map((sentAt, seq) => {
      const key = `${c.author}:${seq}`;
      return { sentAt, seenAt: firstSeen.get(key), stored: storedKeys.has(key) };
    }),
  );
  for (const [i, row] of faults.entries()) {
    const since = i === 0 ? 0 : faults[i - 1].faultAt;
    const seen = edits.filter((e) => e.seenAt !== undefined && e.seenAt >= since && e.seenAt < row.faultAt);
    row.peerSeen = seen.length;
    row.lostSeen = seen.filter((e) => !e.stored).length;
    const unseen = edits.filter(
      (e) => e.sentAt >= since && e.sentAt < row.faultAt && (e.seenAt === undefined || e.seenAt >= row.faultAt),
    );
    row.unseenAtFault = unseen.length;
    row.lostUnseen = unseen.filter((e) => !e.stored).length;
  }
  const summary = {
    sent: edits.length,
    stored: edits.filter((e) => e.stored).length,
    neverSeen: edits.filter((e) => e.seenAt === undefined).length,
    lostSeen: edits.filter((e) => e.seenAt !== undefined && !e.stored).length,
    diverged,
    clients: clients.length,
    finalSyncMs: drained.recoveryMs,
  };
  print(s, build, faults, summary);
  console.log(`\n(run took ${f1((now() - started) / 1000)} s)`);
  if (s.json)
    writeFileSync(
      s.json,
      JSON.stringify({ settings: s, build, at: new Date().toISOString(), faults, summary }, null, 2),
    );
}

/** What a newcomer meets while PostgreSQL is down: the REST answer and the close code of a new live-text session. */
async function probeOutage(instance, setup) {
  const health = await fetch(`${instance.baseUrl}/api/health`).then(
    (r) => r.status,
    (e) => String(e),
  );
  const url = `${instance.wsUrl}/collab/${setup.documents[0]}?token=${encodeURIComponent(setup.users[0].token)}`;
  const close = await new Promise((resolve) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.terminate();
      resolve('no answer in 5 s');
    }, 5_000);
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on('error', () => {});
  });
  return { health, collabClose: close };
}

function print(s, build, faults, summary) {
  console.log(
    `\nFault benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${s.clients} clients / ${s.documents} documents / ${s.rate} edit/s each through a round-robin relay to 2 instances${s.quick ? ' (--quick)' : ''}`,
  );
  console.log(
    `node ${process.version}, ${cpus().length} cores; Tolk HEAD ${build.head}, dist built ${build.builtAt.slice(0, 19)}Z`,
  );
  console.log(
    'recovery = from the end of the fault until every client is connected, synced and has every edit sent by then;',
  );
  console.log(
    'lost = edits a peer had received since the previous fault and before this one that PostgreSQL lacks at the end (must be 0);',
  );
  console.log(
    'not in PG at kill = edits any client had received before the kill that PostgreSQL lacked right after it, before anyone could reconnect (must be 0)\n',
  );
  const ms = (x) => (x === undefined ? 'timeout' : f1(x));
  printTable([
    [
      'fault',
      'lasted (s)',
      'recovery (ms)',
      'reconnections',
      'restart (s)',
      'peer had seen',
      'lost',
      'not in PG at kill',
      'unseen at fault',
      'lost of those',
      'p99 / max latency (ms)',
    ],
    ...faults.map((r) => [
      r.name,
      f1(r.outageMs / 1000),
      ms(r.recoveryMs),
      r.reconnects,
      r.restartMs ? f1(r.restartMs / 1000) : '',
      r.peerSeen,
      r.lostSeen,
      r.atKill ? `${r.atKill.missing} of ${r.atKill.seen}` : '',
      r.unseenAtFault,
      r.lostUnseen,
      `${f1(r.p99)} / ${f1(r.maxLatency)}`,
    ]),
  ]);
  for (const r of faults.filter((f) => f.probe)) {
    console.log(
      `${r.name}: meanwhile GET /api/health → ${r.probe.health}, a new /collab session closed with ${r.probe.collabClose}`,
    );
  }
  const kills = faults
    .filter((r) => r.name.startsWith('kill'))
    .map((r) => r.recoveryMs)
    .filter((x) => x !== undefined)
    .sort((a, b) => a - b);
  if (kills.length)
    console.log(
      `\nSIGKILL recovery: median ${f1(percentile(kills, 50))} ms, max ${f1(kills.at(-1))} ms over ${kills.length} kills`,
    );
  const checks = faults.filter((r) => r.atKill);
  if (checks.length) {
    const missing = checks.reduce((sum, r) => sum + r.atKill.missing, 0);
    console.log(
      `Right after each of the ${checks.length} kills, edits seen by some client but not in PostgreSQL: ${missing} (of ${checks.map((r) => r.atKill.seen).join(', ')})`,
    );
  }
  console.log(
    `At the end: ${summary.sent} edits sent, ${summary.stored} in PostgreSQL (${summary.sent - summary.stored} missing, ${summary.lostSeen} of them seen by a peer); ` +
      `${summary.clients - summary.diverged} of ${summary.clients} clients equal to the text rebuilt from PostgreSQL; all delivered ${ms(summary.finalSyncMs)} ms after the last edit.`,
  );
}

runMain(main);
