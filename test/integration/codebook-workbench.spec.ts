import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CODE_COLORS,
  type ClientToServerEvents,
  type Code,
  type CodebookHistoryEntry,
  type CodeProposal,
  type JoinAck,
  type Notification,
  type ServerToClientEvents,
} from '@tolk/contracts';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source.js';
import { AddCodeShortcuts1796646472588 } from '../../apps/api/src/database/migrations/1796646472588-AddCodeShortcuts.js';
import { eventually } from './support/collab-client.js';
import {
  addMember,
  bearer,
  createUser,
  dbQuery,
  startTestApp,
  type TestApp,
  type TestUser,
} from './support/test-app.js';

/** The codebook beyond its basic routes: stable shortcut keys. */
describe('codebook workbench', () => {
  let app: TestApp;
  let owner: TestUser;
  let coder: TestUser;
  let supervisor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;

  const newProject = async (name: string) => {
    const id = (await app.http.post('/api/projects').set(bearer(owner)).send({ name }).expect(201)).body.id as string;
    await addMember(app, owner, id, coder, 'coder');
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
    [owner, coder, supervisor, viewer, outsider] = await Promise.all(
      ['Sara Student', 'Kari Koder', 'Viktor Veileder', 'Vera Viewer', 'Otto Outsider'].map((n) => createUser(app, n)),
    );
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

  describe('proposals and history', () => {
    let projectId: string;
    let pandemic: Code;
    let relations: Code;
    let trust: Code;
    let documentId: string;
    const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];

    const propose = (body: object, user: TestUser) =>
      app.http.post(`/api/projects/${projectId}/code-proposals`).set(bearer(user)).send(body);
    const decide = (proposal: { id: string }, how: 'accept' | 'decline', user = owner) =>
      app.http.post(`/api/code-proposals/${proposal.id}/${how}`).set(bearer(user));
    const notifications = async (user: TestUser) =>
      (await app.http.get('/api/notifications').set(bearer(user)).expect(200)).body as Notification[];

    beforeAll(async () => {
      projectId = await newProject('Forslag');
      for (const [user, role] of [
        [supervisor, 'supervisor'],
        [viewer, 'viewer'],
      ] as const) {
        await addMember(app, owner, projectId, user, role);
      }
      pandemic = await newCode(projectId, 'Pandemi');
      relations = await newCode(projectId, 'Relasjoner');
      trust = await newCode(projectId, 'Tillit');
      documentId = (
        await app.http
          .post(`/api/projects/${projectId}/documents`)
          .set(bearer(owner))
          .send({ title: 'Informant 1', text: 'Informant 1: Vi mistet kontakten under pandemien.' })
          .expect(201)
      ).body.id;
    });
    afterAll(() => {
      for (const socket of sockets) socket.disconnect();
    });

    it('the supervisor and coders propose; a viewer gets 403, a non-member 404; the owner is notified', async () => {
      const made = await propose({ kind: 'create', name: 'Digitalisering', note: 'Mye video' }, supervisor).expect(201);
      const proposal = made.body as CodeProposal;
      expect(proposal).toMatchObject({
        kind: 'create',
        status: 'open',
        name: 'Digitalisering',
        note: 'Mye video',
        proposedBy: { id: supervisor.id, name: 'Viktor Veileder' },
        decidedBy: null,
        decidedAt: null,
      });
      expect(new Date(proposal.createdAt).getTime()).not.toBeNaN();
      await propose({ kind: 'describe', codeId: trust.id, description: 'Tillit over tid' }, coder).expect(201);
      expect((await propose({ kind: 'create', name: 'Nei' }, viewer).expect(403)).body.reason).toBe('role_forbidden');
      expect((await propose({ kind: 'create', name: 'Nei' }, outsider).expect(404)).body.reason).toBe('not_found');

      const told = (await notifications(owner)).filter((n) => n.kind === 'proposal');
      expect(told.map((n) => n.proposalId)).toContain(proposal.id);
      expect(told.find((n) => n.proposalId === proposal.id)?.actor).toEqual({
        id: supervisor.id,
        name: 'Viktor Veileder',
      });
      // The list shows both, newest first, to every member.
      const list = (await app.http.get(`/api/projects/${projectId}/code-proposals`).set(bearer(viewer)).expect(200))
        .body as CodeProposal[];
      expect(list.map((p) => p.kind)).toEqual(['describe', 'create']);
      await app.http.get(`/api/projects/${projectId}/code-proposals`).set(bearer(outsider)).expect(404);
    });

    it('refuses incomplete proposals and foreign codes, storing nothing', async () => {
      const before = (await app.http.get(`/api/projects/${projectId}/code-proposals`).set(bearer(owner))).body.length;
      const missing = await propose({ kind: 'rename', codeId: pandemic.id }, supervisor).expect(400);
      expect(missing.body).toMatchObject({ reason: 'proposal_incomplete', params: { field: 'name' } });
      const foreign = await propose({ kind: 'describe', codeId: outsider.id, description: 'x' }, supervisor).expect(
        400,
      );
      expect(foreign.body).toMatchObject({ reason: 'code_not_in_project', params: { field: 'codeId' } });
      const self = await propose({ kind: 'merge', codeId: trust.id, intoCodeId: trust.id }, supervisor).expect(400);
      expect(self.body.reason).toBe('merge_into_self');
      expect((await propose({ kind: 'split' }, supervisor).expect(400)).body.reason).toBe('invalid_input');
      const after = (await app.http.get(`/api/projects/${projectId}/code-proposals`).set(bearer(owner))).body.length;
      expect(after).toBe(before);
    });

    it('only the owner decides; accepting a new code makes it, live, and tells the proposer', async () => {
      const live = io(app.url, { path: '/socket.io', auth: { token: supervisor.token }, transports: ['websocket'] });
      sockets.push(live);
      expect(await new Promise<JoinAck>((resolve) => live.emit('project:join', { projectId }, resolve))).toEqual({
        ok: true,
      });
      const created: Code[] = [];
      const updated: CodeProposal[] = [];
      live.on('code:created', (c) => created.push(c));
      live.on('code-proposal:updated', (p) => updated.push(p));

      const proposal = (await propose({ kind: 'create', name: 'Samarbeid', description: 'NAV, fastlege' }, supervisor))
        .body as CodeProposal;
      for (const user of [supervisor, coder, viewer]) {
        expect((await decide(proposal, 'accept', user).expect(403)).body.reason).toBe('role_forbidden');
      }
      await decide(proposal, 'accept', outsider).expect(404);
      await decide({ id: '00000000-0000-4000-8000-000000000000' }, 'accept').expect(404);

      const accepted = (await decide(proposal, 'accept').expect(200)).body as CodeProposal;
      expect(accepted).toMatchObject({ status: 'accepted', decidedBy: { id: owner.id, name: 'Sara Student' } });
      const code = (await codes(projectId)).find((c) => c.name === 'Samarbeid');
      expect(code).toMatchObject({ description: 'NAV, fastlege', shortcut: '4' });
      expect(accepted.resultCodeId).toBe(code!.id);
      await eventually(() => created.some((c) => c.id === code!.id), 'code:created to the supervisor');
      await eventually(() => updated.some((p) => p.id === proposal.id && p.status === 'accepted'), 'proposal update');

      const decided = (await notifications(supervisor)).find(
        (n) => n.kind === 'proposal-decided' && n.proposalId === proposal.id,
      );
      expect(decided?.actor).toEqual({ id: owner.id, name: 'Sara Student' });

      const again = await decide(proposal, 'decline').expect(409);
      expect(again.body).toMatchObject({ reason: 'proposal_decided', params: { status: 'accepted' } });
    });

    it('accepting a rename, a definition and a merge applies each; declining changes nothing', async () => {
      const coding = (
        await app.http
          .post(`/api/documents/${documentId}/codings`)
          .set(bearer(owner))
          .send({ codeId: relations.id, start: 13, end: 32 })
          .expect(201)
      ).body as { id: string };
      const rename = (await propose({ kind: 'rename', codeId: pandemic.id, name: 'Koronapandemien' }, supervisor))
        .body as CodeProposal;
      const describe = (await propose({ kind: 'describe', codeId: pandemic.id, description: 'Mars 2020 →' }, coder))
        .body as CodeProposal;
      const merge = (await propose({ kind: 'merge', codeId: relations.id, intoCodeId: trust.id }, supervisor))
        .body as CodeProposal;
      const declined = (await propose({ kind: 'rename', codeId: trust.id, name: 'Tull' }, supervisor))
        .body as CodeProposal;

      await decide(rename, 'accept').expect(200);
      await decide(describe, 'accept').expect(200);
      await decide(merge, 'accept').expect(200);
      expect((await decide(declined, 'decline').expect(200)).body).toMatchObject({
        status: 'declined',
        decidedBy: { id: owner.id },
      });

      const now = await codes(projectId);
      expect(now.find((c) => c.id === pandemic.id)).toMatchObject({
        name: 'Koronapandemien',
        description: 'Mars 2020 →',
      });
      expect(now.find((c) => c.id === relations.id)).toBeUndefined();
      expect(now.find((c) => c.id === trust.id)?.name).toBe('Tillit');
      const moved = (await app.http.get(`/api/documents/${documentId}/codings`).set(bearer(owner)).expect(200))
        .body as { id: string; codeId: string }[];
      expect(moved.find((c) => c.id === coding.id)?.codeId).toBe(trust.id);
    });

    it('the history lists every change oldest first, naming who made it and who proposed it', async () => {
      const history = (
        await app.http.get(`/api/projects/${projectId}/codebook/history`).set(bearer(viewer)).expect(200)
      ).body as CodebookHistoryEntry[];
      const times = history.map((h) => Date.parse(h.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(history.slice(0, 3).map((h) => [h.action, h.codeName, h.actor?.name, h.proposedBy])).toEqual([
        ['created', 'Koronapandemien', 'Sara Student', undefined],
        ['created', 'Relasjoner', 'Sara Student', undefined],
        ['created', 'Tillit', 'Sara Student', undefined],
      ]);
      const byProposal = history.filter((h) => h.proposedBy);
      expect(byProposal.map((h) => [h.action, h.codeName, h.actor?.name, h.proposedBy?.name])).toEqual([
        ['created', 'Samarbeid', 'Sara Student', 'Viktor Veileder'],
        ['renamed', 'Koronapandemien', 'Sara Student', 'Viktor Veileder'],
        ['described', 'Koronapandemien', 'Sara Student', 'Kari Koder'],
        ['merged', 'Relasjoner', 'Sara Student', 'Viktor Veileder'],
      ]);
      expect(byProposal[1].data).toEqual({ from: 'Pandemi', to: 'Koronapandemien' });
      expect(byProposal[3].data).toEqual({ into: trust.id });
      await app.http.get(`/api/projects/${projectId}/codebook/history`).set(bearer(outsider)).expect(404);
    });
  });
});
