import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningTolk } from './bootstrap.js';
import { loadSettings, SettingsError } from './config/settings.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres.js';

const logger = new Logger('Tolk');

async function main(): Promise<void> {
  // performance.now() counts from the process's start: this is Node's own start and main.ts's imports.
  const phases: [string, number][] = [['node', performance.now()]];
  let phaseStart = performance.now();
  const phaseDone = (phase: string) => {
    phases.push([phase, performance.now() - phaseStart]);
    phaseStart = performance.now();
  };
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`${error.message}\nSee the settings table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }

  // Without its database the api cannot serve anything; exiting lets a
  // process supervisor (systemd, Docker) start all of it again.
  const onDatabaseLost = () => process.exit(1);
  // The embedded PostgreSQL starts (after a crash: recovers) in its own process
  // while this one loads the rest of the api, most of a restart's time (bench:restart).
  let embedded: Promise<EmbeddedDatabase> | undefined;
  let postgresMs = 0;
  if (!settings.databaseUrl) {
    let launched!: () => void;
    const running = new Promise<void>((resolve) => (launched = resolve));
    embedded = startEmbeddedPostgres({
      dataDir: settings.dataDir,
      port: settings.embeddedPgPort,
      onUnrecoverable: onDatabaseLost,
      onLaunched: launched,
    });
    void embedded.then(() => (postgresMs = performance.now()), noop);
    // Loading the modules holds the event loop for a while: let the postmaster be spawned first
    // (after an earlier postmaster left running by a killed api has stopped).
    await Promise.race([running, embedded.then(noop, noop)]);
    phaseDone('launch');
  }
  const { startTolk } = await import('./bootstrap.js');
  phaseDone('imports');
  // dist/apps/api/main.js → dist/apps/web/browser
  const webRoot = fileURLToPath(new URL('../web/browser', import.meta.url));
  const tolk = await startTolk(settings, { webRoot, onDatabaseLost, embedded });
  stopOnSignals(tolk);
  phases.push(...tolk.startPhases);
  if (embedded) phases.push(['postgres', postgresMs]);
  printBanner(tolk, settings.dataDir, performance.now(), phases);
  codeCache?.started();
}

/** Set by the bundle's entry (scripts/bundle-start.mjs), which runs the api with V8's code cache. */
const codeCache = (globalThis as { tolkCodeCache?: { state: string; started(): void } }).tolkCodeCache;

const noop = () => undefined;

/**
 * `phases`, in order and adding up to the total: Node's start with main.ts's
 * imports (`node`), the embedded PostgreSQL launched (`launch`), the rest of
 * the api imported (`imports`), what was left of PostgreSQL's start then
 * (`database`), and the api's own phases; last `postgres`: when PostgreSQL
 * was ready, counted from the process's start (it overlaps the imports).
 */
function printBanner(tolk: RunningTolk, dataDir: string, ms: number, phases: [string, number][]): void {
  const lines = [
    '',
    `  Tolk is ready at ${tolk.url}  (started in ${seconds(ms)}: ${phases.map(([phase, t]) => `${phase} ${seconds(t)}`).join(', ')})`,
    tolk.webClient ? '' : '  (the web client is not built: run `npm run build:web`; the api works without it)',
    `  Database: ${tolk.embedded ? `embedded PostgreSQL, data in ${dataDir}` : 'external (DATABASE_URL)'}`,
    tolk.embedded ? `            ${tolk.databaseUrl}` : '',
    `  API docs: ${tolk.url}/api/docs`,
    codeCache ? `  Code cache: ${codeCache.state} (${join(dataDir, 'cache')})` : '',
  ];
  if (tolk.demoLogins.length > 0) {
    lines.push('', '  Demo logins:');
    for (const login of tolk.demoLogins)
      lines.push(`    ${login.role.padEnd(18)} ${login.email.padEnd(24)} ${login.password}`);
  }
  process.stdout.write(lines.filter((l, i) => l !== '' || i === 0 || lines[i - 1] !== '').join('\n') + '\n\n');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** SIGINT/SIGTERM: stop taking requests, close the pool, stop PostgreSQL, exit. */
function stopOnSignals(tolk: RunningTolk): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal}: shutting down`);
    tolk.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
