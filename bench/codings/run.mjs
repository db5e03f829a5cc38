// `npm run bench:codings`: what keeping coding offsets current costs while
// people type. A 20,000-word transcript with 1,500 overlapping codings; two
// stock Yjs clients type into it (the owner in the middle of a coded
// passage, a coder elsewhere), each at `rate` keys/s, while a third client
// reads the codings over REST every `read-every` seconds (5; none with
// `--no-reads`). Measured against the built api
// (one instance, or two on one PostgreSQL with Redis: `--instances 2`):
// codings rows written per keystroke (PostgreSQL's own counters), how long a
// read of the codings takes while people type, how long the stored offsets
// stay behind after the last keystroke when nobody reads, deadlocks, and
// whether every coding still covers its words at the end.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as Y from 'yjs';
import { checkBuild, cleanups, f1, options, printTable, runMain } from '../lib/harness.mjs';
import { insertCodings } from '../lib/large-transcript.mjs';
import { connectDatabase, scrapeMetrics, startPostgres, startRedis, startInstance, waitFor } from '../lib/cluster.mjs';
import {
  api,
  connect,
  disconnect,
  median,
  now,
  percentile,
  random,
  sleep,
  transcript,
  whenSynced,
  addMember,
  signUp,
} from '../sync/lib.mjs';

const { num, has, common } = options(process.argv);
const S = {
  words: num('words', 'BENCH_WORDS', 20_000),
  codings: num('codings', 'BENCH_CODINGS', 1_500),
  rate: num('rate', 'BENCH_RATE', 2),
  seconds: num('seconds', 'BENCH_SECONDS', common.quick ? 10 : 60),
  instances: num('instances', 'BENCH_INSTANCES', 1),
  readEvery: num('read-every', 'BENCH_READ_EVERY', 5),
};

runMain(async () => {
  const build = checkBuild(common.build);
  console.log(
    `${S.words} words, ${S.codings} codings, 2 typists at ${S.rate} keys/s for ${S.seconds} s, ${S.instances} instance(s); ` +
      `${cpus().length} cores, load ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' / ')}`,
  );

  const postgres = await startPostgres();
  cleanups.push(() => postgres.close());
  const databaseUrl = await postgres.createDatabase('bench_codings');
  const redis = S.instances > 1 ? await startRedis() : undefined;
  if (redis) cleanups.push(() => redis.stop());
  const instances = [];
  for (let k = 0; k < S.instances; k++) {
    const instance = await startInstance({ name: String.fromCharCode(65 + k), databaseUrl, redisUrl: redis?.url });
    cleanups.push(() => instance.stop());
    instances.push(instance);
  }
  const at = (k) => instances[k % instances.length];
  const db = await connectDatabase(databaseUrl);
  cleanups.push(() => db.end());

  // ------------------------------------------------------------ set-up
  const users = [];
  for (const name of ['Bench Owner', 'Bench Coder']) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@bench.example`;
    users.push(await signUp(at(0).baseUrl, { email, name }));
  }
  const [owner, coder] = users;
  const project = await api(at(0).baseUrl, 'POST', '/api/projects', { body: { name: 'Bench' }, token: owner.token });
  await addMember(at(0).baseUrl, project.id, owner.token, coder, 'coder');
  const document = await api(at(0).baseUrl, 'POST', `/api/projects/${project.id}/documents`, {
    body: { title: 'Informant 1', text: transcript(S.words, 20) },
    token: owner.token,
  });
  const code = await api(at(0).baseUrl, 'POST', `/api/projects/${project.id}/codes`, {
    body: { name: 'Tema' },
    token: owner.token,
  });
  const original = await insertCodings(db, {
    documentId: document.id,
    projectId: project.id,
    codeIds: [code.id],
    coders: [owner.id, coder.id],
    count: S.codings,
  });
  const textLength = original.text.length;
  console.log(`Set up: ${textLength} characters, ${S.codings} codings.`);

  // ------------------------------------------------------------ typing
  // The owner types inside the coding nearest the middle; the coder at a quarter.
  const middle = original.ranges.reduce((best, r) =>
    Math.abs((r.start + r.end) / 2 - textLength / 2) < Math.abs((best.start + best.end) / 2 - textLength / 2)
      ? r
      : best,
  );
  const typists = [
    { user: owner, instance: at(0), from: Math.floor((middle.start + middle.end) / 2) },
    { user: coder, instance: at(1), from: Math.floor(textLength / 4) },
  ].map((t) => {
    const doc = new Y.Doc();
    const provider = connect({ kind: 'tolk', wsUrl: t.instance.wsUrl }, document.id, doc, t.user.token);
    cleanups.push(async () => disconnect(provider));
    /** @type {import('yjs').RelativePosition | null} where to type next */
    const cursor = null;
    return { ...t, doc, provider, text: doc.getText('content'), sent: 0, cursor };
  });
  await Promise.all(typists.map((t) => whenSynced(t.provider)));
  for (const t of typists) {
    // Where to type next, as a Yjs position: it moves with the other typist's text.
    t.cursor = Y.createRelativePositionFromTypeIndex(t.text, t.from);
  }
  const keystroke = (t) => {
    const index = Y.createAbsolutePositionFromRelativePosition(t.cursor, t.doc).index;
    t.text.insert(index, 'abcdefghij'[t.sent % 10]);
    t.cursor = Y.createRelativePositionFromTypeIndex(t.text, index + 1);
    t.sent += 1;
  };

  await sleep(3_000); // whatever the set-up wrote is counted by PostgreSQL by now
  const before = await counters();
  const metricsBefore = await Promise.all(instances.map((i) => scrapeMetrics(i.baseUrl)));
  const reads = [];
  const failedReads = [];
  const started = now();
  const until = started + S.seconds * 1000;
  const rand = random(5);
  await Promise.all([
    ...typists.map(async (t) => {
      await sleep(rand() * 500);
      for (let k = 0; now() < until; k++) {
        keystroke(t);
        await sleep(Math.max(0, started + ((k + 1) * 1000) / S.rate - now()));
      }
    }),
    (async () => {
      for (let k = 0; now() < until && !has('no-reads'); k++) {
        const t0 = now();
        const response = await fetch(`${at(k).baseUrl}/api/documents/${document.id}/codings`, {
          headers: { authorization: `Bearer ${owner.token}` },
        });
        await response.arrayBuffer();
        if (response.ok) reads.push(now() - t0);
        else failedReads.push(response.status);
        await sleep(Math.max(0, S.readEvery * 1000 - (now() - t0)));
      }
    })(),
  ]);
  const keystrokes = typists.reduce((sum, t) => sum + t.sent, 0);

  // One more keystroke and nobody reading: how long until the stored offsets follow it.
  const probe = original.ranges.findIndex((r) => r.start > typists[0].from + 300);
  const probeId = original.ids[probe];
  await sleep(6_000);
  const [{ start: probeSettled }] = (await db.query('SELECT start FROM codings WHERE id = $1', [probeId])).rows;
  keystroke(typists[0]);
  const staleMs = await waitFor(
    async () =>
      (await db.query('SELECT start FROM codings WHERE id = $1', [probeId])).rows[0].start === probeSettled + 1,
    30_000,
    20,
  );
  if (process.argv.includes('--logs')) {
    const [{ start }] = (await db.query('SELECT start FROM codings WHERE id = $1', [probeId])).rows;
    console.log(`probe ${probeId}: ${probeSettled} before the last keystroke, ${start} after`);
  }

  await sleep(2_000);
  const after = await counters();
  const metricsAfter = await Promise.all(instances.map((i) => scrapeMetrics(i.baseUrl)));

  // ------------------------------------------------------------ checks
  const finalText = (await api(at(0).baseUrl, 'GET', `/api/documents/${document.id}`, { token: owner.token })).text;
  const listed = await api(at(1).baseUrl, 'GET', `/api/documents/${document.id}/codings`, { token: owner.token });
  const offWords = listed.filter((c) => finalText.slice(c.start, c.end) !== c.quote).length;
  const stored = (await db.query('SELECT start, "end", quote FROM codings WHERE document_id = $1', [document.id])).rows;
  const storedOff = stored.filter((c) => finalText.slice(c.start, c.end) !== c.quote).length;
  // Codings that no typist typed inside must keep their words exactly.
  const quoteOf = new Map(original.ids.map((id, i) => [id, original.ranges[i].quote]));
  const rangeOf = new Map(original.ids.map((id, i) => [id, original.ranges[i]]));
  const typedInside = (r) => typists.some((t) => r.start <= t.from && t.from <= r.end);
  const changed = listed.filter((c) => c.quote !== quoteOf.get(c.id) && !typedInside(rangeOf.get(c.id))).length;

  const logs = instances.map((i) => i.proc?.output() ?? '').join('\n');
  if (process.argv.includes('--logs')) console.log(logs);
  const deadlockLines = (logs.match(/deadlock/gi) ?? []).length;
  const refreshErrors = (logs.match(/Could not re-resolve|refresh.*fail/gi) ?? []).length;
  const updated = after.updated - before.updated;
  const hist = (name) => {
    let count = 0;
    let sum = 0;
    metricsAfter.forEach((m, k) => {
      count += (m.get(`${name}_count`) ?? 0) - (metricsBefore[k].get(`${name}_count`) ?? 0);
      sum += (m.get(`${name}_sum`) ?? 0) - (metricsBefore[k].get(`${name}_sum`) ?? 0);
    });
    return { count, mean: count ? (sum / count) * 1000 : NaN };
  };
  const refresh = hist('tolk_coding_refresh_seconds');
  const failures = metricsAfter.reduce((sum, m) => sum + (m.get('tolk_coding_refresh_failures_total') ?? 0), 0);
  reads.sort((a, b) => a - b);

  console.log(`\nTolk ${build.head}${build.stale ? ' (sources newer than the build!)' : ''}`);
  printTable([
    ['figure', 'value'],
    ['keystrokes (both typists)', keystrokes],
    ['codings rows updated', updated],
    ['rows written per keystroke', f1(updated / keystrokes)],
    [
      'GET codings while typing: p50 / p95 / max (ms)',
      `${f1(median(reads))} / ${f1(percentile(reads, 95))} / ${f1(reads.at(-1))}`,
    ],
    ['GET codings while typing that failed', `${failedReads.length} of ${failedReads.length + reads.length}`],
    ['stored offsets behind the last keystroke, nobody reading (ms)', staleMs === undefined ? '> 30000' : f1(staleMs)],
    [
      'server refreshes: count / mean (ms)',
      refresh.count ? `${refresh.count} / ${f1(refresh.mean)}` : 'not measured by this build',
    ],
    ['refresh failures (/metrics)', failures],
    [
      'deadlocks (pg_stat_database) / "deadlock" in the logs',
      `${after.deadlocks - before.deadlocks} / ${deadlockLines}`,
    ],
    ['refresh errors in the logs', refreshErrors],
    ['codings off their words: listed / stored', `${offWords} / ${storedOff}`],
    ['codings not typed in whose words changed', changed],
  ]);
  if (common.json) {
    writeFileSync(
      common.json,
      JSON.stringify(
        { S, build, keystrokes, updated, reads, staleMs, refresh, failures, offWords, storedOff },
        null,
        2,
      ),
    );
  }

  async function counters() {
    const [row] = (
      await db.query(
        `SELECT (SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'codings')::int AS updated,
                (SELECT deadlocks FROM pg_stat_database WHERE datname = current_database())::int AS deadlocks`,
      )
    ).rows;
    return row;
  }
});
