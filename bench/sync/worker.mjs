// Load generator: one forked process holding a share of the clients (stock
// WebsocketProvider each). Driven by run.mjs over IPC:
//   connect → start → stop → settle (→ report) → close
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { connect, disconnect, hash, insertPosition, marker, MARKER, now, random, sleep, whenSynced } from './lib.mjs';

process.setMaxListeners(0); // each provider adds an exit listener

const ELD_RESOLUTION_MS = 5;
const eventLoop = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
let workerId = 0;
let clients = [];
let measured = { from: 0, to: 0 }; // send times whose deliveries count
let cpuFrom;
let cpu = { percent: 0 };
const latencies = [];

function reply(message) {
  process.send(message);
}

async function onConnect({ server, worker, specs, seed }) {
  workerId = worker;
  const rand = random(seed);
  const started = now();
  clients = specs.map((spec) => {
    const doc = new Y.Doc();
    const text = doc.getText('content');
    const provider = connect(server, spec.room, doc, spec.token);
    const client = { ...spec, doc, text, provider, rand: random(Math.floor(rand() * 2 ** 32)), seq: 0, received: 0, closes: 0 };
    provider.on('connection-close', () => client.closes++);
    text.observe((event) => {
      if (event.transaction.local) return;
      const at = now();
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const m of op.insert.matchAll(MARKER)) {
          client.received++;
          const sentAt = Number(m[4]);
          if (sentAt >= measured.from && sentAt < measured.to) latencies.push(at - sentAt);
        }
      }
    });
    return client;
  });
  await Promise.all(clients.map((c) => whenSynced(c.provider, 60_000)));
  // The reference starts empty: one client per document writes the same seed text Tolk's documents start with.
  for (const c of clients) if (c.seedText && c.text.length === 0) c.text.insert(0, c.seedText);
  reply({ type: 'synced', ms: now() - started });
}

function onStart({ startAt, from, to, rate }) {
  measured = { from, to };
  const period = 1000 / rate;
  for (const client of clients) {
    const send = () => {
      const sentAt = now();
      if (sentAt >= to) return stopClient(client);
      const at = insertPosition(client.text.toString(), client.rand);
      client.text.insert(at, marker(workerId, client.id, client.seq++, sentAt));
    };
    // Spread the clients over the period so they do not all send at once.
    const phase = Math.max(0, startAt - now()) + client.rand() * period;
    client.timeout = setTimeout(() => {
      client.interval = setInterval(send, period);
      send();
    }, phase);
  }
  setTimeout(() => {
    cpuFrom = { usage: process.cpuUsage(), at: now() };
    eventLoop.reset();
    eventLoop.enable();
  }, Math.max(0, from - now()));
  setTimeout(() => {
    const usage = process.cpuUsage(cpuFrom.usage);
    cpu = { percent: (100 * (usage.user + usage.system)) / 1000 / (now() - cpuFrom.at) };
    eventLoop.disable();
  }, Math.max(0, to - now()));
  reply({ type: 'started' });
}

function stopClient(client) {
  clearTimeout(client.timeout);
  clearInterval(client.interval);
}

function onStop() {
  for (const client of clients) stopClient(client);
  reply({ type: 'sent', sent: Object.fromEntries(clients.map((c) => [c.id, c.seq])) });
}

/** Waits until every client received what the others sent (or the timeout), then reports. */
async function onSettle({ expected, timeoutMs }) {
  const deadline = now() + timeoutMs;
  const missing = () => clients.reduce((sum, c) => sum + Math.max(0, expected[c.id] - c.received), 0);
  while (missing() > 0 && now() < deadline) await sleep(50);
  // Quiet period, so late echoes or stray updates still show up in the hashes.
  await sleep(300);
  reply({
    type: 'report',
    latencies,
    cpuPercent: cpu.percent,
    eventLoopP99: eventLoop.percentile(99) / 1e6 - ELD_RESOLUTION_MS,
    eventLoopMax: eventLoop.max / 1e6 - ELD_RESOLUTION_MS,
    clients: clients.map((c) => ({
      id: c.id,
      docIndex: c.docIndex,
      received: c.received,
      closes: c.closes,
      hash: hash(c.text.toString()),
      length: c.text.length,
    })),
  });
}

async function onClose() {
  for (const client of clients) disconnect(client.provider);
  await sleep(200); // let the close frames go out
  reply({ type: 'closed' });
  process.exit(0);
}

const handlers = { connect: onConnect, start: onStart, stop: onStop, settle: onSettle, close: onClose };
process.on('message', (message) => {
  Promise.resolve(handlers[message.cmd](message)).catch((error) => {
    reply({ type: 'error', error: error.stack ?? String(error) });
  });
});
process.on('disconnect', () => process.exit(0));
