import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
// isAlive treats a zombie (killed, not yet reaped by a PID 1 that may never reap) as gone.
import { findFreePort, isAlive, usableSocketDir } from '../../apps/api/src/database/embedded-postgres.js';
import { DEMO_CODES } from '../../apps/api/src/demo/demo-seed.service.js';
import { exited, MAIN, startServer as start } from './support/server-process.js';

/**
 * `npm start` as a user runs it: the built server (`dist/apps/api/bundle/main.js`)
 * on an empty data dir with the embedded PostgreSQL and the demo, then killed
 * with SIGKILL (leaving its postmaster running as an orphan), started again
 * on the same data, and stopped with SIGTERM.
 */
/** The api's connections to its database (`application_name` tolk), by transport, seen through the printed URL. */
async function apiConnections(output: string): Promise<{ unix: number; tcp: number }> {
  const url = /postgresql:\/\/tolk:\S+@127\.0\.0\.1:\d+\/tolk/.exec(output)![0];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ unix: number; tcp: number }>(
      `SELECT count(*) FILTER (WHERE client_addr IS NULL)::int AS unix, count(*) FILTER (WHERE client_addr IS NOT NULL)::int AS tcp
         FROM pg_stat_activity WHERE application_name = 'tolk'`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('the socket directory of the embedded PostgreSQL', () => {
  it('is used when the socket path fits sun_path and has no character PostgreSQL would split on', () => {
    expect(usableSocketDir('/var/lib/tolk/socket', 54321)).toBe('/var/lib/tolk/socket');
    expect(usableSocketDir(`/${'d'.repeat(90)}/socket`, 54321)).toBeUndefined();
    expect(usableSocketDir('/srv/tolk data/socket', 54321)).toBeUndefined();
    expect(usableSocketDir('/srv/tolk,data/socket', 54321)).toBeUndefined();
  });
});

describe('embedded PostgreSQL lifecycle (built server)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('starts with the demo, survives SIGKILL, and stops cleanly on SIGTERM', async () => {
    expect(existsSync(MAIN)).toBe(true);
    const dataDir = await mkdtemp(join(tmpdir(), 'tolk-lifecycle-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await findFreePort();

    // First start: empty data dir → demo users and project, logins printed.
    const first = await start(dataDir, port);
    cleanup.push(async () => void first.child.kill('SIGKILL'));
    expect(first.output()).toContain('student@tolk.example');
    expect(first.output()).toContain('tolk-student-demo');
    expect(first.output()).toMatch(/postgresql:\/\/tolk:.+@127\.0\.0\.1:\d+\/tolk/);
    const login = await request(first.url)
      .post('/api/auth/login')
      .send({ email: 'student@tolk.example', password: 'tolk-student-demo' })
      .expect(200);
    const auth = { Authorization: `Bearer ${(login.body as { accessToken: string }).accessToken}` };
    const projects = (await request(first.url).get('/api/projects').set(auth).expect(200)).body as {
      id: string;
      name: string;
    }[];
    expect(projects.map((p) => p.name)).toEqual(['Brukermedvirkning i rusomsorgen']);
    const documents = (await request(first.url).get(`/api/projects/${projects[0].id}/documents`).set(auth).expect(200))
      .body as { title: string; attributes: Record<string, string> }[];
    expect(documents.map((d) => [d.title, d.attributes.utdanning])).toEqual([
      ['Informant 1', 'sosionom'],
      ['Informant 2', 'vernepleier'],
      ['Informant 3', 'sosionom'],
      ['Informant 4', 'vernepleier'],
    ]);
    // A small codebook from the thesis's themes, with one sub-code.
    const codes = (await request(first.url).get(`/api/projects/${projects[0].id}/codes`).set(auth).expect(200))
      .body as {
      name: string;
      parentId: string | null;
      color: string;
      shortcut: string | null;
    }[];
    expect(codes.map((c) => c.name).sort()).toEqual(DEMO_CODES.map(([name]) => name).sort());
    // Every demo code has a colour and a key of its own.
    expect(new Set(codes.map((c) => c.color)).size).toBe(DEMO_CODES.length);
    expect(new Set(codes.map((c) => c.shortcut)).size).toBe(DEMO_CODES.length);
    expect(codes.filter((c) => c.parentId !== null).map((c) => c.name)).toEqual(['Tillit og tilknytning']);
    // Something written before the crash.
    await request(first.url).post('/api/projects').set(auth).send({ name: 'Skrevet før krasj' }).expect(201);
    // The api reaches its own PostgreSQL over the Unix socket; the printed URL (TCP) is for others.
    expect(await apiConnections(first.output())).toEqual({ unix: expect.any(Number), tcp: 0 });
    expect((await apiConnections(first.output())).unix).toBeGreaterThan(0);

    // SIGKILL: no shutdown code runs; the postmaster survives as an orphan.
    const postmasterPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(isAlive(postmasterPid)).toBe(true);

    // Second start on the same data: the orphan is stopped, the data is there,
    // the token signed before the crash is still valid (the secret was kept).
    const second = await start(dataDir, port);
    cleanup.push(async () => void second.child.kill('SIGKILL'));
    expect(isAlive(postmasterPid)).toBe(false);
    const after = (await request(second.url).get('/api/projects').set(auth).expect(200)).body as { name: string }[];
    // The killed postmaster's socket lock was cleared: the socket serves again.
    expect((await apiConnections(second.output())).unix).toBeGreaterThan(0);
    expect(after.map((p) => p.name).sort()).toEqual(['Brukermedvirkning i rusomsorgen', 'Skrevet før krasj']);
    // The demo is not created twice, but its logins are still printed.
    expect(second.output()).toContain('student@tolk.example');
    expect(second.output()).not.toContain('Created the demo project');

    // SIGTERM: clean exit, PostgreSQL stopped, no lock files left behind.
    const newPostmaster = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(isAlive(newPostmaster)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'tolk.pid'))).toBe(false);
  }, 120_000);

  it('refuses to start with invalid settings, naming each problem', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'mysql://x', TOLK_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exited(child)).toBe(1);
    expect(stderr).toContain('PORT must be a port number');
    expect(stderr).toContain('DATABASE_URL must be a postgres://');
    expect(stderr).toContain('TOLK_SECRET is required when DATABASE_URL is set');
  });
});
