// `npm run bench:web`: the web client on a 2-hour interview, in Debian's
// Chromium (headless, 1280×800, CPU not throttled). A 20,000-word transcript
// with 1,500 overlapping codings over 25 codes and 100 comment threads, two
// other people connected (one typing elsewhere at 2 keys/s). For Tolk's
// transcript page and for the floor (the same CodeMirror + y-codemirror.next
// binding on the same document, nothing of Tolk's: bench/web/floor.mjs),
// interleaved, `reps` times each:
//   - navigation → text visible, and → interactive (highlights drawn and the
//     main thread free of long tasks for 500 ms);
//   - keystroke → next paint while typing 200 characters inside a coded
//     passage: measured in the page (keydown → the frame after it), and
//     Chromium's Event Timing durations (which report only events ≥ 16 ms);
//   - long tasks (> 50 ms) during a scroll from top to bottom;
//   - the JS heap after opening (after a forced garbage collection).
// Medians over the reps, and Tolk / floor.
import { build as esbuild } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';
import * as Y from 'yjs';
import { checkBuild, cleanups, f1, options, printTable, root, runMain } from '../lib/harness.mjs';
import { connectDatabase, startInstance, startPostgres } from '../lib/cluster.mjs';
import { insertCodings } from '../lib/large-transcript.mjs';
import {
  addMember,
  api,
  BENCH_PASSWORD,
  connect,
  disconnect,
  median,
  random,
  signUp,
  sleep,
  transcript,
  whenSynced,
} from '../sync/lib.mjs';

const { num, common } = options(process.argv);
const S = {
  words: num('words', 'BENCH_WORDS', 20_000),
  codings: num('codings', 'BENCH_CODINGS', 1_500),
  codes: num('codes', 'BENCH_CODES', 25),
  comments: num('comments', 'BENCH_COMMENTS', 100),
  reps: num('reps', 'BENCH_REPS', common.quick ? 1 : 5),
  chars: num('chars', 'BENCH_CHARS', common.quick ? 50 : 200),
  keyDelay: num('key-delay', 'BENCH_KEY_DELAY', 50),
};
const VIEWPORT = { width: 1280, height: 800 };
/** `--profile`: print where Tolk's page spends its time opening, typing and scrolling (CPU profiles of one rep). */
const PROFILE = process.argv.includes('--profile');

runMain(async () => {
  const build = checkBuild(common.build);
  if (!existsSync(join(root, 'dist/apps/web/browser/index.html')))
    throw new Error('The web client is not built: run `npm run build:web` first.');
  console.log(
    `${S.words} words, ${S.codings} codings over ${S.codes} codes, ${S.comments} comment threads; ` +
      `${S.reps} reps, ${S.chars} characters typed per rep; ${cpus().length} cores, load ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' / ')}`,
  );

  // ------------------------------------------------------------ server and data
  const postgres = await startPostgres();
  cleanups.push(() => postgres.close());
  const databaseUrl = await postgres.createDatabase('bench_web');
  const tolk = await startInstance({ name: 'A', databaseUrl });
  cleanups.push(() => tolk.stop());
  const db = await connectDatabase(databaseUrl);
  cleanups.push(() => db.end());
  const base = tolk.baseUrl;

  const users = [];
  for (const name of ['Bench Owner', 'Bench Coder', 'Bench Supervisor']) {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@bench.example`;
    users.push(await signUp(base, { email, name }));
  }
  const [owner, coder, supervisor] = users;
  const project = await api(base, 'POST', '/api/projects', { body: { name: 'Bench web' }, token: owner.token });
  await addMember(base, project.id, owner.token, coder, 'coder');
  await addMember(base, project.id, owner.token, supervisor, 'supervisor');
  const document = await api(base, 'POST', `/api/projects/${project.id}/documents`, {
    body: { title: 'Informant 1', text: transcript(S.words, 20) },
    token: owner.token,
  });
  const codeIds = [];
  for (let i = 0; i < S.codes; i++) {
    const code = await api(base, 'POST', `/api/projects/${project.id}/codes`, {
      body: { name: `Tema ${String(i + 1).padStart(2, '0')}` },
      token: owner.token,
    });
    codeIds.push(code.id);
  }
  const { text, ranges } = await insertCodings(db, {
    documentId: document.id,
    projectId: project.id,
    codeIds,
    coders: [owner.id, coder.id],
    count: S.codings,
  });
  const rand = random(23);
  for (let i = 0; i < S.comments; i++) {
    const start = Math.floor(rand() * (text.length - 200));
    await api(base, 'POST', `/api/documents/${document.id}/comments`, {
      body: {
        body: `Kommentar ${i + 1}: hva mener informanten her?`,
        start,
        end: start + 30 + Math.floor(rand() * 150),
      },
      token: i % 2 ? coder.token : supervisor.token,
    });
  }
  // The coding in the middle of the text, where the owner types.
  const middle = ranges.reduce((best, r) =>
    Math.abs(r.start - text.length / 2) < Math.abs(best.start - text.length / 2) ? r : best,
  );
  const marker = text.slice(0, 40);
  console.log(`Set up: ${text.length} characters.`);

  // ------------------------------------------------------------ the other two people
  // The coder types at a quarter of the text, 2 keys/s, all through; the supervisor is connected.
  const others = [coder, supervisor].map((user) => {
    const doc = new Y.Doc();
    const provider = connect({ kind: 'tolk', wsUrl: tolk.wsUrl }, document.id, doc, user.token);
    cleanups.push(async () => disconnect(provider));
    return { doc, provider, text: doc.getText('content') };
  });
  await Promise.all(others.map((o) => whenSynced(o.provider)));
  let typing = true;
  const typist = others[0];
  let cursor = Y.createRelativePositionFromTypeIndex(typist.text, Math.floor(text.length / 4));
  const otherTyping = (async () => {
    for (let k = 0; typing; k++) {
      const index = Y.createAbsolutePositionFromRelativePosition(cursor, typist.doc)?.index ?? 0;
      typist.text.insert(index, 'xyz '[k % 4]);
      cursor = Y.createRelativePositionFromTypeIndex(typist.text, index + 1);
      await sleep(500);
    }
  })();

  // ------------------------------------------------------------ the browser
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // The floor page is handed to the browser by the bench (route.fulfill), which Chromium counts as
    // a public page: without this its WebSocket to Tolk on 127.0.0.1 is refused as a local-network request.
    args: ['--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests'],
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', timezoneId: 'UTC', baseURL: base });
  await context.addInitScript(probe, { marker });
  await signIn(context, owner.email);
  const floorPage = await floorHtml(document.id);
  await context.route(`${base}/__bench/floor`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: floorPage(owner.token) }),
  );

  /** @type {{ tolk: Run[], floor: Run[] }} */
  const runs = { tolk: [], floor: [] };
  for (let rep = 0; rep < S.reps; rep++) {
    for (const kind of /** @type {const} */ (['tolk', 'floor'])) {
      // Fresh token for the floor page each rep: access tokens are short-lived.
      owner.token = (
        await api(base, 'POST', '/api/auth/login', { body: { email: owner.email, password: BENCH_PASSWORD } })
      ).accessToken;
      const run = await measure(
        context,
        kind,
        kind === 'tolk' ? `/documents/${document.id}` : '/__bench/floor',
        middle,
      );
      runs[kind].push(run);
      console.log(
        `rep ${rep + 1} ${kind.padEnd(5)}: visible ${f1(run.visible)} ms, interactive ${f1(run.interactive)} ms, ` +
          `key p95 ${f1(run.key.p95)} ms, long tasks while scrolling ${run.scrollLongTasks}, heap ${f1(run.heapMb)} MB`,
      );
    }
  }
  typing = false;
  await otherTyping;

  // ------------------------------------------------------------ figures
  const med = (kind, pick) => median(runs[kind].map(pick));
  const row = (label, pick, target = '') => {
    const t = med('tolk', pick);
    const f = med('floor', pick);
    return [label, f1(t), f1(f), Number.isFinite(t / f) && f > 0 ? `${(t / f).toFixed(2)}×` : '–', target];
  };
  console.log(`\nTolk ${build.head}${build.stale ? ' (sources newer than the build!)' : ''}; medians of ${S.reps}`);
  printTable([
    ['figure', 'Tolk', 'floor', 'Tolk / floor', 'target'],
    row('navigation → text visible (ms)', (r) => r.visible),
    row('navigation → interactive (ms)', (r) => r.interactive, 'Tolk < 1500'),
    row('keystroke → next frame p50 (ms)', (r) => r.key.p50),
    row('keystroke → next frame p95 (ms)', (r) => r.key.p95, 'Tolk < 16, ≤ 1.3× floor'),
    row('keystroke → next frame p99 (ms)', (r) => r.key.p99, 'Tolk < 50'),
    row('main thread per keystroke while typing: all tasks (ms)', (r) => r.perKey.task),
    row('  of which script (ms)', (r) => r.perKey.script),
    row('  of which style recalculation (ms)', (r) => r.perKey.style),
    row('  of which layout (ms)', (r) => r.perKey.layout),
    row('keystrokes with an Event Timing entry ≥ 16 ms (%)', (r) => r.slowShare * 100),
    row('Event Timing p95 (ms; < 16 when unreported)', (r) => r.eventP95),
    row('long tasks > 50 ms while scrolling top → bottom', (r) => r.scrollLongTasks, 'Tolk 0'),
    row('longest task while scrolling (ms)', (r) => r.scrollLongest),
    row('JS heap after opening (MB)', (r) => r.heapMb),
  ]);
});

/**
 * @typedef {{ visible: number, interactive: number, key: { p50: number, p95: number, p99: number },
 *   slowShare: number, eventP95: number, scrollLongTasks: number, scrollLongest: number, heapMb: number,
 *   perKey: { script: number, style: number, layout: number, task: number } }} Run
 */

/**
 * One page load, typing and scroll.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {'tolk' | 'floor'} kind
 * @param {string} path
 * @param {{ start: number, end: number }} coded where to type (inside this passage)
 * @returns {Promise<Run>}
 */
async function measure(context, kind, path, coded) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
  try {
    const cdp = await context.newCDPSession(page);
    const profiling = PROFILE && kind === 'tolk';
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    await page.goto(path);
    await page
      .waitForFunction(() => benchState().visibleAt !== null && benchState().highlightsAt !== null, null, {
        timeout: 60_000,
      })
      .catch((error) => {
        throw new Error(
          `${kind}: the text did not appear (${error.message}); page errors: ${problems.slice(0, 3).join(' | ')}`,
        );
      });
    const interactive = await page.evaluate(quietSince, 500);
    const { visibleAt } = await page.evaluate(() => benchState());
    if (profiling) {
      printProfile(/** @type {any} */ (await cdp.send('Profiler.stop')).profile, 'opening the page');
      const requests = await page.evaluate(() =>
        /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'))
          .map((r) => ({ name: r.name.replace(location.origin, ''), start: r.startTime, end: r.responseEnd }))
          .sort((x, y) => x.start - y.start)
          .slice(0, 60),
      );
      console.log('Requests while opening, in order (ms from navigation: start → end):');
      for (const r of requests) console.log(`${f1(r.start).padStart(8)} → ${f1(r.end).padStart(8)}  ${r.name}`);
      const socket = await page.evaluate(() => benchState().socket);
      if (socket)
        console.log(
          `${f1(socket.createdAt).padStart(8)} → ${f1(socket.firstMessageAt ?? NaN).padStart(8)}  the live text's WebSocket (made → first message; the text's state, the first message over 10 kB, at ${f1(socket.stateAt ?? NaN)}); text visible at ${f1(visibleAt)}`,
        );
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = /** @type {{ usedSize: number }} */ (await cdp.send('Runtime.getHeapUsage'));

    // Type inside a coded passage in the middle of the text.
    if (kind === 'tolk') {
      const edit = page.getByRole('radiogroup', { name: 'Mode' }).getByRole('radio', { name: 'Edit text' });
      if (!(await edit.isChecked())) await edit.click();
      await page.locator('[data-test="editing-note"]').waitFor();
    }
    await page.evaluate(
      ({ at, isFloor }) => {
        if (isFloor) {
          const view = /** @type {any} */ (window).benchView;
          view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
          view.focus();
        }
      },
      { at: Math.floor((coded.start + coded.end) / 2), isFloor: kind === 'floor' },
    );
    if (kind === 'tolk') await placeCursorInCodedText(page);
    await sleep(300);
    await page.evaluate(() => benchState().startTyping());
    await cdp.send('Performance.enable');
    const before = await mainThread(cdp);
    // The typing is profiled on the floor too: what both pages spend is CodeMirror's and the browser's own.
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const typed = 'og så sa hun at tilliten kom først etter lang tid, '.repeat(10).slice(0, S.chars);
    await page.keyboard.type(typed, { delay: S.keyDelay });
    await sleep(500);
    const after = await mainThread(cdp);
    if (PROFILE) printProfile(/** @type {any} */ (await cdp.send('Profiler.stop')).profile, `typing (${kind})`);
    const keys = await page.evaluate(() => benchState().typingFigures());
    /** Main-thread time per keystroke while typing (ms): script, style, layout, all tasks. */
    const perKey = (name) => ((after[name] - before[name]) * 1000) / Math.max(1, keys.count);
    if (keys.count < S.chars * 0.9) throw new Error(`${kind}: only ${keys.count} of ${S.chars} keystrokes measured`);

    // Scroll from top to bottom in wheel steps, a frame apart.
    await page.evaluate(() => {
      const scroller = document.querySelector('.cm-scroller');
      if (scroller) scroller.scrollTop = 0;
    });
    await sleep(300);
    const box = await page.locator('.cm-scroller').boundingBox();
    if (!box) throw new Error(`${kind}: no editor on the page`);
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
    await page.evaluate(() => benchState().startScroll());
    if (profiling) await cdp.send('Profiler.start');
    for (let i = 0; i < 2000; i++) {
      await page.mouse.wheel(0, 400);
      await sleep(16);
      if (i % 10 === 9) {
        const done = await page.evaluate(() => {
          const s = document.querySelector('.cm-scroller');
          return !s || s.scrollTop + s.clientHeight >= s.scrollHeight - 2;
        });
        if (done) break;
      }
    }
    await sleep(300);
    if (profiling) printProfile(/** @type {any} */ (await cdp.send('Profiler.stop')).profile, 'scrolling');
    const scroll = await page.evaluate(() => benchState().scrollFigures());
    return {
      visible: visibleAt,
      interactive,
      key: keys.latency,
      slowShare: keys.slow / Math.max(1, keys.count),
      eventP95: keys.eventP95,
      scrollLongTasks: scroll.count,
      scrollLongest: scroll.longest,
      heapMb: heap.usedSize / 1024 / 1024,
      perKey: {
        script: perKey('ScriptDuration'),
        style: perKey('RecalcStyleDuration'),
        layout: perKey('LayoutDuration'),
        task: perKey('TaskDuration'),
      },
    };
  } finally {
    await page.close();
  }
}

/** Chromium's running totals for the page's main thread (seconds): script, style, layout, all tasks. */
async function mainThread(cdp) {
  const { metrics } = /** @type {{ metrics: { name: string, value: number }[] }} */ (
    await cdp.send('Performance.getMetrics')
  );
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Scroll the middle of the text into view and click a coded word there (in edit mode: puts the cursor in it). */
async function placeCursorInCodedText(page) {
  await page.evaluate(() => {
    const scroller = document.querySelector('.cm-scroller');
    if (scroller) scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) / 2;
  });
  await sleep(300);
  const target = await page.evaluate(() => {
    const scroller = document.querySelector('.cm-scroller')?.getBoundingClientRect();
    if (!scroller) return null;
    const middle = scroller.top + scroller.height / 2;
    let best = null;
    for (const el of document.querySelectorAll('.tolk-coded')) {
      for (const r of el.getClientRects()) {
        if (r.width < 20 || r.top < scroller.top || r.bottom > scroller.bottom) continue;
        const d = Math.abs(r.top + r.height / 2 - middle);
        if (!best || d < best.d) best = { x: r.left + r.width / 2, y: r.top + r.height / 2, d };
      }
    }
    return best;
  });
  if (!target) throw new Error('no coded word in view to type into');
  await page.mouse.click(target.x, target.y);
}

/**
 * The state the init script keeps in the page (see `probe`). Functions that run
 * in the page call the page's own `benchState` (the probe defines it there);
 * this one only gives them its type here.
 */
function benchState() {
  return /** @type {any} */ (window).__bench;
}

/**
 * Waits in the page until no long task has run for `quietMs`, and answers when
 * the page became interactive: the later of "highlights drawn" and the end of
 * the last long task before that quiet window.
 */
async function quietSince(quietMs) {
  const b = /** @type {any} */ (window).__bench;
  const lastEnd = () => Math.max(0, ...b.longTasks.map((t) => t.start + t.duration));
  const deadline = performance.now() + 20_000;
  while (performance.now() - Math.max(lastEnd(), b.highlightsAt) < quietMs && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return Math.max(b.highlightsAt, lastEnd());
}

/**
 * Runs in the page before its own scripts: when the text (the transcript's
 * first 40 characters) and Tolk's code highlights appear, long tasks, and per
 * keystroke the time from keydown to the frame after it.
 */
function probe({ marker }) {
  const b = {
    visibleAt: null,
    highlightsAt: null,
    longTasks: [],
    keyLatencies: [],
    events: [],
    typingSince: Infinity,
    scrollSince: Infinity,
    startTyping() {
      b.typingSince = performance.now();
    },
    startScroll() {
      b.scrollSince = performance.now();
    },
    typingFigures() {
      const sorted = [...b.keyLatencies].sort((x, y) => x - y);
      const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
      const slow = new Map();
      for (const e of b.events) if (e.start >= b.typingSince) slow.set(e.id, Math.max(slow.get(e.id) ?? 0, e.duration));
      const durations = [...slow.values()];
      // Unreported keystrokes took < 16 ms: count them as 8 ms (Event Timing's rounding step).
      const all = [...durations, ...Array(Math.max(0, sorted.length - durations.length)).fill(8)].sort((x, y) => x - y);
      const eventP95 = all[Math.min(all.length - 1, Math.ceil(0.95 * all.length) - 1)] ?? NaN;
      return {
        count: sorted.length,
        latency: { p50: at(50), p95: at(95), p99: at(99) },
        slow: durations.length,
        eventP95,
      };
    },
    scrollFigures() {
      const during = b.longTasks.filter((t) => t.start >= b.scrollSince);
      return { count: during.length, longest: Math.max(0, ...during.map((t) => t.duration)) };
    },
  };
  Object.assign(window, { __bench: b, benchState: () => b });
  // When the live text's WebSocket is made and when its first message arrives (printed with --profile).
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      if (!String(url).includes('/collab')) return;
      b.socket = { createdAt: performance.now(), firstMessageAt: null, stateAt: null };
      this.addEventListener('message', (event) => {
        b.socket.firstMessageAt ??= performance.now();
        const size = event.data?.byteLength ?? event.data?.size ?? String(event.data).length;
        if (size > 10_000) b.socket.stateAt ??= performance.now();
      });
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of /** @type {any[]} */ (list.getEntries()))
      if (e.interactionId) b.events.push({ id: e.interactionId, start: e.startTime, duration: e.duration });
  }).observe(/** @type {any} */ ({ type: 'event', durationThreshold: 16, buffered: true }));
  const isFloor = location.pathname.startsWith('/__bench/');
  const check = () => {
    const content = document.querySelector('.cm-content');
    if (b.visibleAt === null && content?.textContent?.includes(marker)) b.visibleAt = performance.now();
    if (b.visibleAt !== null && b.highlightsAt === null && (isFloor || document.querySelector('.tolk-coded')))
      b.highlightsAt = performance.now();
    if (b.highlightsAt !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener(
    'keydown',
    (event) => {
      if (performance.now() < b.typingSince) return;
      const t0 = event.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => b.keyLatencies.push(performance.now() - t0);
        channel.port2.postMessage(0);
      });
    },
    true,
  );
}

/**
 * The functions with the most self time in a CPU profile (Chrome DevTools
 * protocol), with their callers: named after the sources when the web client
 * was built with source maps (`npx ng build --source-map` in apps/web).
 */
function printProfile(profile, what) {
  const maps = new Map();
  const original = (frame) => {
    if (!frame) return '';
    const file = frame.url.split('/').pop() ?? '';
    if (!maps.has(file)) {
      const path = join(root, 'dist/apps/web/browser', `${file}.map`);
      maps.set(file, file && existsSync(path) ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8'))) : null);
    }
    const map = maps.get(file);
    const at = map?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
    if (at?.source)
      return `${at.name ?? frame.functionName ?? '?'} ${at.source.replace(/^.*node_modules\//u, '')}:${at.line}`;
    return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  for (const id of profile.samples) {
    const node = byId.get(id);
    const frame = node.callFrame;
    const where = original(frame);
    const up = parent.get(id);
    const caller = original(byId.get(up)?.callFrame);
    const above = original(byId.get(parent.get(up))?.callFrame);
    const key = `${where}  ← ${caller}  ← ${above}`;
    self.set(key, (self.get(key) ?? 0) + interval);
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`\nCPU profile, ${what} (self time, ms):`);
  for (const [where, ms] of top) console.log(`${ms.toFixed(0).padStart(7)}  ${where}`);
}

/** Signs the context in through the login page, as a person would. */
async function signIn(context, email) {
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(BENCH_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/projects$/);
  await page.close();
}

/** The floor page: bench/web/floor.mjs bundled, with the document and a token. */
async function floorHtml(documentId) {
  const bundle = await esbuild({
    entryPoints: [join(root, 'bench/web/floor.mjs')],
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    platform: 'browser',
    target: 'es2022',
  });
  const script = bundle.outputFiles[0].text.replace(/<\/script/giu, '<\\/script');
  return (token) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>floor</title>
<style>html,body{margin:0;height:100%}#editor{height:100vh}#editor .cm-editor{height:100%}</style></head>
<body><div id="editor"></div>
<script id="bench-config" type="application/json">${JSON.stringify({ documentId, token })}</script>
<script type="module">${script}</script></body></html>`;
}
