// Load generator: one forked process holding a share of the clients (stock
// WebsocketProvider each). Driven by an orchestrator over IPC:
//   connect → start → stop → settle (→ report) → close
// and, for the long and fault runs, at any time in between: drain (latencies
// so far), checkpoint (edits sent so far), status (who is connected and has
// caught up with a checkpoint), seen (edits received before a time), final
// (what each client holds and when each edit was first seen).
// Each client spec may carry its own `server` ({ kind, wsUrl }), so one
// generator can hold clients of several api instances; `idle: true` clients
// connect and receive but never edit.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { connect, disconnect, hash, insertPosition, marker, MARKER, now, random, sleep, whenSynced } from './lib.mjs';

process.setMaxListeners(0); // each provider adds an exit listener

const ELD_RESOLUTION_MS = 5;
const eventLoop = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
/** The event loop's delay since the last drain (the soak prints it per minute: is the generator the tail?). */
const sinceDrain = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
sinceDrain.enable();
let workerId = 0;
let clients = [];
let measured = { from: 0, to: 0 }; // send times whose deliveries count
let cpuFrom;
let cpu = { percent: 0 };
let latencies = [];
/** Send time of each delivery in `latencies` (for per-minute figures), kept when asked to. */
let deliveredSentAt = [];
let keepSendTimes = false;
/** Marker key "worker:client:seq" → when a client of this generator first received it (time a peer had it). */
const firstSeen = new Map();
let trackEdits = false;

function reply(message) {
  process.send(message);
}

async function onConnect({ server, worker, specs, seed, track = false, sendTimes = false }) {
  workerId = worker;
  trackEdits = track;
  keepSendTimes = sendTimes;
  const rand = random(seed);
  const started = now();
  clients = specs.map((spec) => {
    const doc = new Y.Doc();
    const text = doc.getText('content');
    const provider = connect(spec.server ?? server, spec.room, doc, spec.token);
    const client = {
      ...spec,
      doc,
      text,
      provider,
      rand: random(Math.floor(rand() * 2 ** 32)),
      seq: 0,
      received: 0,
      closes: 0,
      sentAt: [], // send time of each own edit, by seq (tracked runs only)
      lowWater: new Map(), // author "worker:client" → lowest seq not yet received from it (tracked runs only)
      pending: new Map(), // author → seqs received above lowWater
    };
    provider.on('connection-close', () => client.closes++);
    text.observe((event) => {
      if (event.transaction.local) return;
      const at = now();
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const m of op.insert.matchAll(MARKER)) {
          client.received++;
          const sentAt = Number(m[4]);
          if (sentAt >= measured.from && sentAt < measured.to) {
            latencies.push(at - sentAt);
            if (keepSendTimes) deliveredSentAt.push(sentAt);
          }
          if (trackEdits) noteReceived(client, `${m[1]}:${m[2]}`, Number(m[3]), at);
        }
      }
    });
    return client;
  });
  await Promise.all(clients.map((c) => whenSynced(c.provider, 120_000)));
  // The reference starts empty: one client per document writes the same seed text Tolk's documents start with.
  for (const c of clients) if (c.seedText && c.text.length === 0) c.text.insert(0, c.seedText);
  reply({ type: 'synced', ms: now() - started });
}

/** Edits from one author can arrive out of order (offline edits come later): keep a low-water mark per author. */
function noteReceived(client, author, seq, at) {
  const key = `${author}:${seq}`;
  if (!firstSeen.has(key)) firstSeen.set(key, at);
  let low = client.lowWater.get(author) ?? 0;
  if (seq < low) return;
  let pending = client.pending.get(author);
  if (!pending) client.pending.set(author, (pending = new Set()));
  pending.add(seq);
  while (pending.delete(low)) low++;
  client.lowWater.set(author, low);
}

function onStart({ startAt, from, to, rate }) {
  measured = { from, to };
  const period = 1000 / rate;
  for (const client of clients) {
    if (client.idle) continue;
    const send = () => {
      const sentAt = now();
      if (sentAt >= to) return stopClient(client);
      const at = insertPosition(client.text.toString(), client.rand);
      if (trackEdits) client.sentAt.push(sentAt);
      client.text.insert(at, marker(workerId, client.id, client.seq++, sentAt));
    };
    // Spread the clients over the period so they do not all send at once.
    const phase = Math.max(0, startAt - now()) + client.rand() * period;
    client.timeout = setTimeout(() => {
      client.interval = setInterval(send, period);
      send();
    }, phase);
  }
  setTimeout(
    () => {
      cpuFrom = { usage: process.cpuUsage(), at: now() };
      eventLoop.reset();
      eventLoop.enable();
    },
    Math.max(0, from - now()),
  );
  setTimeout(
    () => {
      const usage = process.cpuUsage(cpuFrom.usage);
      cpu = { percent: (100 * (usage.user + usage.system)) / 1000 / (now() - cpuFrom.at) };
      eventLoop.disable();
    },
    Math.max(0, to - now()),
  );
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

/** Latencies (and their send times) since the last drain. */
function onDrain() {
  reply({
    type: 'drained',
    latencies,
    sentAt: deliveredSentAt,
    eventLoopP99: sinceDrain.percentile(99) / 1e6 - ELD_RESOLUTION_MS,
  });
  sinceDrain.reset();
  latencies = [];
  deliveredSentAt = [];
}

/** How many edits each editing client has sent so far, by author "worker:client". */
function onCheckpoint() {
  reply({
    type: 'checkpoint',
    sent: Object.fromEntries(clients.filter((c) => !c.idle).map((c) => [`${workerId}:${c.id}`, c.seq])),
  });
}

/**
 * Clients that are not connected and synced, and clients that still miss
 * one of the edits of a checkpoint (`sent`: author → count; own edits and
 * edits to other documents do not count).
 */
function onStatus({ sent, docOf }) {
  let unsynced = 0;
  let behind = 0;
  let missing = 0;
  for (const client of clients) {
    if (!client.provider.wsconnected || !client.provider.synced) unsynced++;
    let lacks = 0;
    for (const [author, count] of Object.entries(sent)) {
      if (docOf[author] !== client.docIndex || author === `${workerId}:${client.id}`) continue;
      lacks += Math.max(0, count - (client.lowWater.get(author) ?? 0));
    }
    if (lacks > 0) behind++;
    missing += lacks;
  }
  reply({ type: 'status', unsynced, behind, missing, clients: clients.length });
}

/** What each client holds now, each own edit's send time, and when a client here first saw each edit. */
function onFinal() {
  reply({
    type: 'final',
    clients: clients.map((c) => ({
      id: c.id,
      docIndex: c.docIndex,
      author: `${workerId}:${c.id}`,
      hash: hash(c.text.toString()),
      sentAt: c.sentAt,
    })),
    firstSeen: [...firstSeen.entries()],
  });
}

/** Edits a client here had received before `before` (keys "worker:client:seq"). */
function onSeen({ before }) {
  reply({ type: 'seen', keys: [...firstSeen].filter(([, at]) => at < before).map(([key]) => key) });
}

/**
 * Drops the connection of every other client of each document (`parity` 0
 * or 1), which reconnects at once, through a round-robin relay that spreads
 * them again. Document by document, so that consecutive connections (which the
 * relay sends to different instances) belong to the same document: every
 * document with two or more of them gets clients on both instances. (By id
 * they would alternate with the documents and land one document per instance.)
 */
function onReconnect({ parity }) {
  const byDocument = new Map();
  for (const client of clients) byDocument.set(client.docIndex, [...(byDocument.get(client.docIndex) ?? []), client]);
  let n = 0;
  for (const [, group] of [...byDocument].sort(([a], [b]) => a - b)) {
    for (const [i, client] of group.entries()) {
      if (i % 2 !== parity) continue;
      client.provider.disconnect();
      client.provider.connect();
      n++;
    }
  }
  reply({ type: 'reconnected', n });
}

async function onClose() {
  for (const client of clients) disconnect(client.provider);
  await sleep(200); // let the close frames go out
  reply({ type: 'closed' });
  process.exit(0);
}

const handlers = {
  connect: onConnect,
  start: onStart,
  stop: onStop,
  settle: onSettle,
  close: onClose,
  drain: onDrain,
  checkpoint: onCheckpoint,
  status: onStatus,
  final: onFinal,
  reconnect: onReconnect,
  seen: onSeen,
};
process.on('message', (/** @type {any} */ message) => {
  Promise.resolve(handlers[message.cmd](message)).catch((error) => {
    reply({ type: 'error', error: error.stack ?? String(error) });
  });
});
process.on('disconnect', () => process.exit(0));
