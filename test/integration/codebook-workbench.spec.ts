import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CODE_COLORS, type Code } from '@tolk/contracts';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source.js';
import { AddCodeShortcuts1796646472588 } from '../../apps/api/src/database/migrations/1796646472588-AddCodeShortcuts.js';
import { bearer, createUser, dbQuery, startTestApp, type TestApp, type TestUser } from './support/test-app.js';

/** The codebook beyond its basic routes: stable shortcut keys. */
describe('codebook workbench', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;

  const newProject = async (name: string) => {
    const id = (await app.http.post('/api/projects').set(bearer(owner)).send({ name }).expect(201)).body.id as string;
    await app.http
      .post(`/api/projects/${id}/members`)
      .set(bearer(owner))
      .send({ email: coder.email, role: 'coder' })
      .expect(201);
    return id;
  };
  const newCode = async (projectId: string, name: string, extra: object = {}, user = owner) =>
    (
      await app.http
        .post(`/api/projects/${projectId}/codes`)
        .set(bearer(user))
        .send({ name, ...extra })
        .expect(201)
    ).body as Code;
  const codes = async (projectId: string) =>
    (await app.http.get(`/api/projects/${projectId}/codes`).set(bearer(owner)).expect(200)).body as Code[];
  const keys = async (projectId: string) =>
    Object.fromEntries((await codes(projectId)).map((c) => [c.name, c.shortcut]));
  const patch = (code: { id: string }, body: object, user = owner) =>
    app.http.patch(`/api/codes/${code.id}`).set(bearer(user)).send(body);

  beforeAll(async () => {
    app = await startTestApp();
    [owner, coder] = await Promise.all(['Sara Student', 'Kari Koder'].map((n) => createUser(app, n)));
  });
  afterAll(async () => {
    await app.close();
  });

  describe('shortcut keys', () => {
    it('a new code takes the lowest free key; an alphabetically earlier code moves no one', async () => {
      const projectId = await newProject('Taster');
      const pandemic = await newCode(projectId, 'Pandemi');
      const relations = await newCode(projectId, 'Relasjoner');
      expect([pandemic.shortcut, relations.shortcut]).toEqual(['1', '2']);
      const early = await newCode(projectId, 'Arbeid', {}, coder);
      expect(early.shortcut).toBe('3');
      await patch(relations, { name: 'Aaa relasjoner' }).expect(200);
      expect(await keys(projectId)).toEqual({ Pandemi: '1', 'Aaa relasjoner': '2', Arbeid: '3' });
    });

    it('PATCH sets and frees a key; a taken key is 409 shortcut_taken and changes nothing; freed keys are reused', async () => {
      const projectId = await newProject('Flytt');
      const a = await newCode(projectId, 'A');
      const b = await newCode(projectId, 'B');
      const taken = await patch(b, { shortcut: '1' }).expect(409);
      expect(taken.body.reason).toBe('shortcut_taken');
      expect(taken.body.params).toEqual({ shortcut: '1', name: 'A' });
      expect(await keys(projectId)).toEqual({ A: '1', B: '2' });

      const moved = await patch(b, { shortcut: '0', version: b.version }).expect(200);
      expect(moved.body).toMatchObject({ shortcut: '0', version: b.version + 1 });
      const freed = await patch(a, { shortcut: null }).expect(200);
      expect(freed.body.shortcut).toBeNull();
      // 1 and 2 are free again: the next code takes 1.
      expect((await newCode(projectId, 'C')).shortcut).toBe('1');

      const bad = await patch(a, { shortcut: '12' }).expect(400);
      expect(bad.body.reason).toBe('invalid_input');
      expect((await patch(a, { shortcut: 'x' }).expect(400)).body.reason).toBe('invalid_input');
    });

    it('after ten codes the next gets null; merging frees the retired code’s key for the next code', async () => {
      const projectId = await newProject('Ti');
      const made: Code[] = [];
      for (let i = 1; i <= 11; i++) made.push(await newCode(projectId, `Kode ${i}`));
      expect(made.map((c) => c.shortcut)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', null]);
      await app.http
        .post(`/api/codes/${made[3].id}/merge`)
        .set(bearer(owner))
        .send({ intoCodeId: made[4].id })
        .expect(204);
      const after = await keys(projectId);
      expect(after['Kode 4']).toBeUndefined();
      expect(after['Kode 5']).toBe('5');
      expect((await newCode(projectId, 'Kode 12')).shortcut).toBe('4');
    });

    it('two codes made at the same moment never share a key', async () => {
      const projectId = await newProject('Samtidig');
      const made = await Promise.all(
        ['X', 'Y', 'Z', 'W'].map((n, i) => newCode(projectId, n, {}, i % 2 ? coder : owner)),
      );
      expect(new Set(made.map((c) => c.shortcut)).size).toBe(4);
      expect(made.map((c) => c.shortcut).sort()).toEqual(['1', '2', '3', '4']);
    });

    it('the migration gives existing codes the keys they had: codebook order (depth first, by name), 1…9 then 0', async () => {
      const projectId = await newProject('Migrering');
      const top = await newCode(projectId, 'Tema B');
      await newCode(projectId, 'Tema A');
      await newCode(projectId, 'Under', { parentId: top.id });
      for (let i = 1; i <= 9; i++) await newCode(projectId, `Z${i}`);
      const gone = await newCode(projectId, 'Borte');
      await app.http.delete(`/api/codes/${gone.id}`).set(bearer(owner)).expect(204);
      // Back to the schema before shortcuts, then forward again.
      const dataSource = new DataSource(dataSourceOptions(app.databaseUrl));
      await dataSource.initialize();
      const runner = dataSource.createQueryRunner();
      try {
        const migration = new AddCodeShortcuts1796646472588();
        await migration.down(runner);
        await migration.up(runner);
      } finally {
        await runner.release();
        await dataSource.destroy();
      }
      expect(await keys(projectId)).toEqual({
        'Tema A': '1',
        'Tema B': '2',
        Under: '3',
        Z1: '4',
        Z2: '5',
        Z3: '6',
        Z4: '7',
        Z5: '8',
        Z6: '9',
        Z7: '0',
        Z8: null,
        Z9: null,
      });
      const retired = await dbQuery<{ shortcut: string | null }>(app, 'SELECT shortcut FROM codes WHERE id = $1', [
        gone.id,
      ]);
      expect(retired).toEqual([{ shortcut: null }]);
    });
  });

  describe('colours', () => {
    it('new codes get a colour no other active code has, in palette order; a retired code’s colour is free again', async () => {
      const projectId = await newProject('Farger');
      const made: Code[] = [];
      for (let i = 1; i <= CODE_COLORS.length; i++) made.push(await newCode(projectId, `Kode ${i}`));
      expect(made.map((c) => c.color)).toEqual([...CODE_COLORS]);
      await app.http.delete(`/api/codes/${made[2].id}`).set(bearer(owner)).expect(204);
      expect((await newCode(projectId, 'Ny')).color).toBe(CODE_COLORS[2]);
      // Every colour is taken once: the next repeats the first, not a random one.
      expect((await newCode(projectId, 'Enda en')).color).toBe(CODE_COLORS[0]);
    });

    it('a colour someone chose is kept, even one another code has, and the next new code avoids it', async () => {
      const projectId = await newProject('Valgt');
      const first = await newCode(projectId, 'Først');
      expect(first.color).toBe(CODE_COLORS[0]);
      const chosen = await newCode(projectId, 'Valgt', { color: CODE_COLORS[1].toUpperCase() });
      expect(chosen.color).toBe(CODE_COLORS[1]);
      const same = await newCode(projectId, 'Samme', { color: CODE_COLORS[0] });
      expect(same.color).toBe(CODE_COLORS[0]);
      expect((await newCode(projectId, 'Neste')).color).toBe(CODE_COLORS[2]);
    });
  });
});
