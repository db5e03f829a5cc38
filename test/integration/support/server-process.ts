import { type ChildProcess, spawn } from 'node:child_process';

/** The built server as `npm start` runs it: the api bundled into one file (scripts/bundle-api.mjs). */
export const MAIN = new URL('../../../dist/apps/api/bundle/main.js', import.meta.url).pathname;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the built api on the embedded PostgreSQL in `dataDir`; resolves at the banner. */
export function startServer(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TOLK_DATA_DIR: dataDir,
      DATABASE_URL: '',
      TOLK_SECRET: '',
      TOLK_DEMO: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${output}`)), 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`));
    };
    const onData = () => {
      const match = /Tolk is ready at (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout.off('data', onData);
      resolve({ child, url: match[1], output: () => output });
    };
    child.on('exit', onExit);
    child.stdout.on('data', onData);
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve(child.exitCode) : child.on('exit', resolve),
  );
