// @ts-check
// The durable reference of `bench:sync`: the smallest y-websocket relay that
// stores every update in PostgreSQL before anyone sees it. It is the floor for
// "persist before forward" on this machine, as the stock server is the floor
// for "forward at once": Tolk is compared with both.
//
// What it does, and nothing more: one Y.Doc per room (the URL path, as the
// stock server names rooms); an update a client sends is appended to a table
// of the same shape as Tolk's `document_updates` (on the same embedded
// PostgreSQL, same flags, reached over its Unix socket as Tolk does), and
// only once that commit returns is it applied to the room's document and
// relayed to the room's other clients. Commits are
// grouped: while a batch is in flight, new updates queue and go together in
// the next one. Like Tolk's writer, several lanes (each its own connection)
// commit side by side and a room always takes the same lane, so a room's
// updates commit and forward in the order they arrived. Small batches use
// prepared statements. Awareness is relayed at once (it is not stored, in Tolk
// either). No auth, no compaction, no text column: those are Tolk's own costs.
//
// Run by bench/sync/run.mjs as its own process; prints "running at <port>".
import http from 'node:http';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocketServer } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import pg from 'pg';
import { startPostgres } from '../lib/cluster.mjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
/** As many lanes as Tolk's writer (apps/api/src/documents/update-log-writer.ts, WRITER_LANES). */
const LANES = Number(process.env.DURABLE_LANES ?? 3);
/** Largest batch in one statement, as Tolk's. */
const MAX_BATCH = 500;
/** Batches up to this many rows use a prepared statement, as Tolk's do. */
const PREPARED_UP_TO = 8;

// Over the Unix socket, as Tolk reaches its embedded PostgreSQL.
const database = await startPostgres({ socket: true });
await database.createDatabase('durable_reference');
const url = database.socketUrlOf('durable_reference');
const setup = new pg.Client({ connectionString: url });
await setup.connect();
await setup.query(
  `CREATE TABLE document_updates (id BIGSERIAL PRIMARY KEY, document_id text NOT NULL, "update" bytea NOT NULL,
     user_id uuid, created_at timestamptz NOT NULL DEFAULT now())`,
);
await setup.query('CREATE INDEX document_updates_document_id ON document_updates (document_id, id)');
await setup.end();

/** @typedef {{ room: string, update: Uint8Array, done: () => void }} Pending */
const lanes = await Promise.all(
  Array.from({ length: LANES }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { client, /** @type {Pending[]} */ queue: [], flushing: false };
  }),
);

/** FNV-1a, so a room always takes the same lane. */
function laneOf(room) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < room.length; i++) hash = Math.imul(hash ^ room.charCodeAt(i), 0x01000193);
  return lanes[(hash >>> 0) % lanes.length];
}

/** @param {Pending} pending */
function append(pending) {
  const lane = laneOf(pending.room);
  lane.queue.push(pending);
  if (!lane.flushing) void flush(lane);
}

/** @param {(typeof lanes)[number]} lane */
async function flush(lane) {
  lane.flushing = true;
  while (lane.queue.length > 0) {
    const batch = lane.queue.splice(0, MAX_BATCH);
    /** @type {unknown[]} */
    const values = [];
    const rows = batch.map((p) => {
      values.push(p.room, Buffer.from(p.update));
      return `($${values.length - 1}, $${values.length})`;
    });
    const text = `INSERT INTO document_updates (document_id, "update") VALUES ${rows.join(', ')}`;
    const name = batch.length <= PREPARED_UP_TO ? `append-${batch.length}` : undefined;
    await lane.client.query(name ? { name, text, values } : { text, values });
    for (const p of batch) p.done();
  }
  lane.flushing = false;
}

/** @typedef {import('ws').WebSocket} Socket */
/** @type {Map<string, { doc: Y.Doc, sockets: Set<Socket> }>} */
const rooms = new Map();

function roomOf(name) {
  let room = rooms.get(name);
  if (!room) {
    room = { doc: new Y.Doc(), sockets: new Set() };
    rooms.set(name, room);
  }
  return room;
}

/** @param {Socket} socket @param {Uint8Array} message */
function send(socket, message) {
  if (socket.readyState === socket.OPEN) socket.send(message);
}

function updateMessage(update) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** @param {string} name @param {Socket} socket @param {Uint8Array} data */
function onMessage(name, socket, data) {
  const room = roomOf(name);
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_AWARENESS) {
    for (const other of room.sockets) if (other !== socket) send(other, data);
    return;
  }
  if (type !== MESSAGE_SYNC) return;
  const step = decoding.readVarUint(decoder);
  if (step === syncProtocol.messageYjsSyncStep1) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, room.doc, decoding.readVarUint8Array(decoder));
    send(socket, encoding.toUint8Array(encoder));
    return;
  }
  // Sync step 2 or an update: stored first, then applied and relayed.
  const update = decoding.readVarUint8Array(decoder);
  append({
    room: name,
    update,
    done: () => {
      Y.applyUpdate(room.doc, update, socket);
      const message = updateMessage(update);
      for (const other of room.sockets) if (other !== socket) send(other, message);
    },
  });
}

const server = http.createServer((_, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server });
wss.on('connection', (socket, request) => {
  const name = (request.url ?? '/').slice(1).split('?')[0];
  const room = roomOf(name);
  room.sockets.add(socket);
  socket.binaryType = 'arraybuffer';
  socket.on('message', (data) => onMessage(name, socket, new Uint8Array(/** @type {ArrayBuffer} */ (data))));
  socket.on('close', () => room.sockets.delete(socket));
  // As the stock server: ask the client for what it has.
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, room.doc);
  send(socket, encoding.toUint8Array(encoder));
});

const port = Number(process.env.PORT ?? 0);
server.listen(port, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`durable reference running at ${address.port}`);
});

async function stop() {
  server.close();
  for (const lane of lanes) await lane.client.end().catch(() => {});
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
