import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Starts the built api (which serves the built web client) on a free port
 * with an empty data directory, so it creates the demo project and users.
 * Returns the teardown, which stops exactly the process started here.
 *
 * Set TOLK_BASE_URL to test an already running server instead.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env['TOLK_BASE_URL']) return undefined;

  const root = findRepoRoot();
  const main = join(root, 'dist/apps/api/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  if (!existsSync(join(root, 'dist/apps/web/browser/index.html'))) {
    throw new Error('dist/apps/web/browser is missing: run npm run build first');
  }

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tolk-browser-'));
  // The embedded PostgreSQL runs as its own user, which must reach the directory.
  chmodSync(dataDir, 0o755);

  const api = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TOLK_DATA_DIR: dataDir,
      TOLK_DEMO: '1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString());
    if (process.env['TOLK_API_LOG']) process.stderr.write(chunk);
  };
  api.stdout.on('data', keep);
  api.stderr.on('data', keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, api, 120_000);
  } catch (err) {
    await stop(api);
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n--- api output ---\n${output.join('')}`);
  }
  process.env['TOLK_BASE_URL'] = baseUrl;

  return async () => {
    await stop(api);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

function findRepoRoot(): string {
  // Not import.meta / __dirname: this file must load as ESM and as CommonJS.
  let dir = resolve(process.cwd());
  for (;;) {
    if (existsSync(join(dir, 'apps/api')) && existsSync(join(dir, 'apps/web'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root from ' + process.cwd());
    dir = parent;
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

async function waitForHealth(baseUrl: string, api: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (api.exitCode !== null || api.signalCode !== null) {
      throw new Error(`the api exited early (${api.exitCode ?? api.signalCode})`);
    }
    try {
      const answer = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (answer.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the api did not answer GET /api/health with 200 within ${timeoutMs / 1000} s`);
}

/** SIGTERM, and SIGKILL only if the api has not stopped after 15 s. */
async function stop(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null || api.signalCode !== null) return;
  const exited = new Promise<void>((r) => api.once('exit', () => r()));
  api.kill('SIGTERM');
  const timer = setTimeout(() => api.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
