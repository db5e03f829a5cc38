import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { fileURLToPath } from 'node:url';
import { type RunningTolk, startTolk } from './bootstrap.js';
import { loadSettings, SettingsError } from './config/settings.js';

const logger = new Logger('Tolk');

async function main(): Promise<void> {
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

  const started = Date.now();
  // dist/apps/api/main.js → dist/apps/web/browser
  const webRoot = fileURLToPath(new URL('../web/browser', import.meta.url));
  const tolk = await startTolk(settings, {
    webRoot,
    // Without its database the api cannot serve anything; exiting lets a
    // process supervisor (systemd, Docker) start all of it again.
    onDatabaseLost: () => process.exit(1),
  });
  stopOnSignals(tolk);
  printBanner(tolk, settings.dataDir, Date.now() - started);
}

function printBanner(tolk: RunningTolk, dataDir: string, ms: number): void {
  const lines = [
    '',
    `  Tolk is ready at ${tolk.url}  (started in ${seconds(ms)}: ${tolk.startPhases.map(([phase, t]) => `${phase} ${seconds(t)}`).join(', ')})`,
    tolk.webClient ? '' : '  (the web client is not built: run `npm run build:web`; the api works without it)',
    `  Database: ${tolk.embedded ? `embedded PostgreSQL, data in ${dataDir}` : 'external (DATABASE_URL)'}`,
    tolk.embedded ? `            ${tolk.databaseUrl}` : '',
    `  API docs: ${tolk.url}/api/docs`,
  ];
  if (tolk.demoLogins.length > 0) {
    lines.push('', '  Demo logins:');
    for (const login of tolk.demoLogins)
      lines.push(`    ${login.role.padEnd(18)} ${login.email.padEnd(24)} ${login.password}`);
  }
  process.stdout.write(lines.filter((l, i) => l !== '' || i === 0 || lines[i - 1] !== '').join('\n') + '\n\n');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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
