import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../../apps/api/src/audit/audit.repository.js';
import { UsersRepository } from '../../apps/api/src/auth/users.repository.js';
import { Transactions } from '../../apps/api/src/database/transactions.js';
import { DocumentsRepository } from '../../apps/api/src/documents/documents.repository.js';
import { MembershipsRepository } from '../../apps/api/src/projects/memberships.repository.js';
import { ProjectsRepository } from '../../apps/api/src/projects/projects.repository.js';
import { SnapshotsRepository } from '../../apps/api/src/snapshots/snapshots.repository.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The core repositories and the transaction helpers against the real database. */
describe('repositories (users, projects, memberships, documents, snapshot blobs, audit) and transactions', () => {
  let app: TestApp;
  let users: UsersRepository;
  let projects: ProjectsRepository;
  let memberships: MembershipsRepository;
  let transactions: Transactions;
  let n = 0;
  const newUser = (name: string) =>
    users.insert({ email: `${name.toLowerCase()}-${++n}@repo.example`, name, passwordHash: 'x' });

  beforeAll(async () => {
    app = await startTestApp();
    const get = <T>(type: new (...args: never[]) => T) => app.tolk.app.get(type);
    users = get(UsersRepository);
    projects = get(ProjectsRepository);
    memberships = get(MembershipsRepository);
    transactions = get(Transactions);
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a second account with the same email by answering null', async () => {
    const first = await newUser('Ada');
    expect(first?.email).toMatch(/^ada-/);
    expect(await users.insert({ email: first!.email, name: 'Other', passwordHash: 'y' })).toBeNull();
  });

  it('raises the token version atomically, and reads people by name without their password hash', async () => {
    const user = (await newUser('Bo'))!;
    expect(await users.tokenVersion(user.id)).toBe(0);
    expect(await Promise.all([users.raiseTokenVersion(user.id), users.raiseTokenVersion(user.id)])).toEqual(
      expect.arrayContaining([1, 2]),
    );
    expect(await users.tokenVersion(user.id)).toBe(2);
    const other = (await newUser('Al'))!;
    const people = await users.people([user.id, other.id, user.id, '00000000-0000-4000-8000-000000000000']);
    expect(people).toEqual([
      { id: other.id, email: other.email, name: 'Al' },
      { id: user.id, email: user.email, name: 'Bo' },
    ]);
  });

  it('rolls a transaction back when its work throws', async () => {
    const email = `gone-${++n}@repo.example`;
    await expect(
      transactions.run(async (tx) => {
        await users.insert({ email, name: 'Gone', passwordHash: 'x' }, tx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await users.findByEmail(email)).toBeNull();
  });

  it('gives an advisory lock to one transaction at a time', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const holding = new Promise<void>((resolve) => (taken = resolve));
    const first = transactions.run(async (tx) => {
      expect(await transactions.tryLock('test:repositories', tx)).toBe(true);
      taken();
      await held;
    });
    await holding;
    expect(await transactions.run((tx) => transactions.tryLock('test:repositories', tx))).toBe(false);
    release();
    await first;
    expect(await transactions.run((tx) => transactions.tryLock('test:repositories', tx))).toBe(true);
  });

  it('finds the projects of which a person is the only owner', async () => {
    const owner = (await newUser('Owner'))!;
    const coOwner = (await newUser('CoOwner'))!;
    const alone = await projects.insert({ name: 'B alone', description: '' });
    const shared = await projects.insert({ name: 'A shared', description: '' });
    const coding = await projects.insert({ name: 'C as coder', description: '' });
    await memberships.insert([
      { projectId: alone.id, userId: owner.id, role: 'owner' },
      { projectId: shared.id, userId: owner.id, role: 'owner' },
      { projectId: shared.id, userId: coOwner.id, role: 'owner' },
      { projectId: coding.id, userId: owner.id, role: 'coder' },
    ]);
    expect(await memberships.soleOwnedProjects(owner.id)).toEqual([{ id: alone.id, name: 'B alone' }]);
    expect((await memberships.projectIdsOf(owner.id)).sort()).toEqual([alone.id, shared.id, coding.id].sort());
    expect(await memberships.countOwners(shared.id)).toBe(2);
    expect((await memberships.access(coding.id, owner.id))?.role).toBe('coder');
    expect(await memberships.access(coding.id, coOwner.id)).toBeNull();
  });

  it('lists documents with their length as JavaScript counts it, without their text', async () => {
    const project = await projects.insert({ name: 'Docs', description: '' });
    const documents = app.tolk.app.get(DocumentsRepository);
    await documents.insert({ projectId: project.id, title: 'B', text: 'a😀b', createdBy: null });
    await documents.insert({ projectId: project.id, title: 'A', text: 'æøå', createdBy: null });
    const summaries = await documents.summaries(project.id);
    expect(summaries.map((d) => [d.title, d.length])).toEqual([
      ['A', 3],
      ['B', 'a😀b'.length],
    ]);
    expect(await documents.count(project.id)).toBe(2);
  });

  it('stores a snapshot blob once per project however often it is written', async () => {
    const project = await projects.insert({ name: 'Blobs', description: '' });
    const snapshots = app.tolk.app.get(SnapshotsRepository);
    const blobs = new Map([
      ['aa'.repeat(32), Buffer.from('first')],
      ['bb'.repeat(32), Buffer.from('second')],
    ]);
    await snapshots.writeBlobs(project.id, blobs);
    await snapshots.writeBlobs(project.id, new Map([['aa'.repeat(32), Buffer.from('ignored: same hash')]]));
    const read = await snapshots.blobs(project.id, [
      Buffer.from('aa'.repeat(32), 'hex'),
      Buffer.from('cc'.repeat(32), 'hex'),
    ]);
    expect([...read.entries()].map(([hash, bytes]) => [hash, bytes.toString()])).toEqual([['aa'.repeat(32), 'first']]);
  });

  it('gives document lengths in creation order, only of the ids asked for', async () => {
    const project = await projects.insert({ name: 'Lengths', description: '' });
    const documents = app.tolk.app.get(DocumentsRepository);
    const first = await documents.insert({ projectId: project.id, title: 'Z', text: 'a😀', createdBy: null });
    const second = await documents.insert({ projectId: project.id, title: 'A', text: 'abcd', createdBy: null });
    expect(await documents.lengths(project.id, null)).toEqual([
      { id: first.id, length: 3 },
      { id: second.id, length: 4 },
    ]);
    expect(await documents.lengths(project.id, [second.id])).toEqual([{ id: second.id, length: 4 }]);
  });

  it('reads audit entries by action prefix, and anonymises them only inside a transaction', async () => {
    const project = await projects.insert({ name: 'Audited', description: '' });
    const audit = app.tolk.app.get(AuditRepository);
    const documentId = '00000000-0000-4000-8000-00000000000d';
    const entry = (action: string, details: Record<string, unknown>) => ({
      actorId: null,
      projectId: project.id,
      action,
      targetType: 'document',
      targetId: documentId,
      documentId,
      details,
      ip: '127.0.0.1',
      userAgent: 'test',
      requestId: null,
    });
    await audit.insert(entry('document.read', { title: 'Informant 2', count: 3 }));
    await audit.insert(entry('document.update', { title: 'Informant 2' }));
    await audit.insert({
      ...entry('code.create', { name: 'Digitalisering' }),
      targetType: 'code',
      targetId: '00000000-0000-4000-8000-00000000000c',
      documentId: null,
    });
    const documents = await audit.page(project.id, { action: 'document.*' }, 10, 0);
    expect(documents.total).toBe(2);
    expect(documents.rows.map((r) => r.action)).toEqual(['document.update', 'document.read']);
    const older = await audit.batch(project.id, {}, 10, documents.rows[0].id);
    expect(older.map((r) => r.action)).toEqual(['document.read']);

    const pool = app.tolk.app.get(DataSource).manager;
    await expect(audit.anonymise(project.id, documentId, false, pool)).rejects.toThrow(/inside a transaction/);
    const changed = await transactions.run((tx) => audit.anonymise(project.id, documentId, false, tx));
    expect(changed).toBe(2);
    const after = await audit.page(project.id, {}, 10, 0);
    expect(after.rows.map((r) => [r.action, r.details, r.ip])).toEqual([
      ['code.create', { name: 'Digitalisering' }, '127.0.0.1'],
      ['document.update', {}, '127.0.0.1'],
      ['document.read', { count: 3 }, '127.0.0.1'],
    ]);
  });
});
