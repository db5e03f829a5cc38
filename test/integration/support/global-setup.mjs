// Runs before the integration tests, outside Jest's module system (Jest loads
// global setup files through require, which cannot load the ESM api source),
// so it uses the built api: `npm run test:integration` builds it first.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

const TEMPLATE_DATABASE = 'tolk_template';
const built = new URL('../../../dist/apps/api/database/', import.meta.url);

/**
 * One embedded PostgreSQL for the whole run. The migrations run once into a
 * template database; each test file then gets its own copy (`CREATE DATABASE
 * … TEMPLATE`, milliseconds), so files never see each other's rows.
 */
export default async function globalSetup() {
  Logger.overrideLogger(['error', 'warn', 'fatal']);
  if (!existsSync(new URL('data-source.js', built))) {
    throw new Error('The api is not built: run `npm run build:libs && npm run build:api` (npm test does it for you)');
  }
  const { startEmbeddedPostgres } = await import(new URL('embedded-postgres.js', built).href);
  const { dataSourceOptions } = await import(new URL('data-source.js', built).href);

  const dataDir = await mkdtemp(join(tmpdir(), 'tolk-test-pg-'));
  const db = await startEmbeddedPostgres({ dataDir });
  globalThis.tolkTestDatabase = { db, dataDir };
  process.env.TOLK_TEST_PG_URL = db.url;

  const admin = new URL(db.url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await client.end();

  const templateUrl = new URL(db.url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const dataSource = new DataSource(dataSourceOptions(templateUrl.toString()));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
