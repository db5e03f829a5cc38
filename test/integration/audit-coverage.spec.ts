import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditPage } from '@tolk/contracts';
import { auditedAction } from '../../apps/api/src/audit/audited.js';
import { registeredRoutes } from './support/routes.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

/**
 * Reads of transcript text are audited by construction: every GET route the
 * server registers is listed here as returning text (quotes, memos and
 * comments count) or not, and each one that does must carry `@Audited`.
 * A new GET route fails this test until someone decides which it is.
 */
const RETURNS_TEXT = new Set([
  'GET /api/documents/:documentId',
  'GET /api/documents/:documentId/codings',
  'GET /api/documents/:documentId/comments',
  'GET /api/projects/:projectId/comments',
  'GET /api/documents/:documentId/memo',
  'GET /api/codings/:codingId/history',
  'GET /api/codes/:codeId/memo',
  'GET /api/projects/:projectId/memo',
  // Segment memos are listed by their quotes.
  'GET /api/projects/:projectId/memos',
  'GET /api/projects/:projectId/memos.docx',
  'GET /api/memos/:memoId',
  // Who wrote what: the memo's text, by author.
  'GET /api/memos/:memoId/history',
  'GET /api/projects/:projectId/segments',
  'GET /api/projects/:projectId/search',
  // Words of the transcripts, counted.
  'GET /api/projects/:projectId/analysis/words',
  // A saved coding query run: the passages it finds, with their context.
  'GET /api/projects/:projectId/analysis/queries/:queryId/results',
  'GET /api/projects/:projectId/analysis/agreement/disagreements',
  'GET /api/projects/:projectId/export.qdpx',
  'GET /api/projects/:projectId/export/segments.csv',
  'GET /api/projects/:projectId/export/segments.xlsx',
  'GET /api/projects/:projectId/export/report.docx',
  'GET /api/projects/:projectId/export/report.md',
  'GET /api/projects/:projectId/export/report.odt',
  // Real names, the key to the pseudonymised text.
  'GET /api/projects/:projectId/pseudonyms',
  'GET /api/snapshots/:snapshotId/documents/:documentId',
  'GET /api/snapshots/:snapshotId/state',
  'GET /api/snapshots/:snapshotId/diff',
  // The caller's own codings (with their quotes) and comments.
  'GET /api/me/export',
]);

/** GET routes that return no transcript text, and why not. */
const NO_TEXT: Record<string, string> = {
  'GET /api/health': 'status',
  'GET /metrics': 'counters',
  'GET /api/auth/me': 'the caller',
  'GET /api/auth/options': 'sign-in options',
  'GET /api/auth/oidc/start': 'a redirect',
  'GET /api/auth/oidc/callback': 'a redirect',
  'GET /api/projects': 'names and roles',
  'GET /api/projects/:projectId': 'name and settings',
  'GET /api/projects/:projectId/members': 'people',
  'GET /api/projects/:projectId/codes': 'the codebook',
  'GET /api/projects/:projectId/code-proposals': 'proposed codebook changes (names, definitions, a note)',
  'GET /api/projects/:projectId/codebook/history': 'who changed which code when',
  'GET /api/projects/:projectId/codebook.qdc': 'the codebook (audited all the same, as an export)',
  'GET /api/projects/:projectId/documents': 'titles, lengths and attributes',
  'GET /api/projects/:projectId/documents/activity': 'counts, and who changed a transcript when',
  'GET /api/notifications': 'what happened where and who did it, never the comment itself',
  'GET /api/invitations': 'project names, roles and who invited',
  'GET /api/notifications/unread-count': 'a count',
  'GET /api/me/notification-settings': 'settings',
  'GET /api/documents/:documentId/history': 'who edited when, without the edits',
  'GET /api/projects/:projectId/analysis/frequencies': 'counts',
  'GET /api/projects/:projectId/analysis/cooccurrence': 'counts',
  'GET /api/projects/:projectId/analysis/matrix': 'counts',
  'GET /api/projects/:projectId/analysis/queries': 'names and definitions of saved queries (code ids, attributes)',
  'GET /api/projects/:projectId/analysis/document-matrix': 'counts',
  'GET /api/projects/:projectId/analysis/agreement': 'figures',
  'GET /api/projects/:projectId/analysis/agreement.csv':
    'figures, code names and titles (audited all the same, as an export)',
  'GET /api/projects/:projectId/analysis/agreement.xlsx':
    'figures, code names and titles (audited all the same, as an export)',
  'GET /api/projects/:projectId/analysis/agreement.docx':
    'figures, code names and titles (audited all the same, as an export)',
  'GET /api/projects/:projectId/snapshots': 'names and dates',
  'GET /api/snapshots/:snapshotId': 'titles and the codebook',
  'GET /api/projects/:projectId/deadlines': 'names and dates',
  'GET /api/projects/:projectId/retention': 'a date',
  'GET /api/projects/:projectId/recording-retention': 'a date and a count',
  'GET /api/documents/:documentId/consent': 'consent reference and date',
  'GET /api/documents/:documentId/recording': "the recording's length, type and uploader",
  // Voices, not text: audited by the service instead, once per listener per ten minutes (recording.played).
  'GET /api/documents/:documentId/recording/audio': 'audio (recording.played)',
  'GET /api/projects/:projectId/audit': 'the audit log itself (owner only)',
  'GET /api/projects/:projectId/audit.csv': 'the audit log itself (owner only)',
};

describe('audit coverage: every route that returns transcript text is audited', () => {
  let app: TestApp;
  let owner: TestUser;
  let viewer: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    [owner, viewer] = await Promise.all([createUser(app, 'Olga Owner'), createUser(app, 'Vera Viewer')]);
  });
  afterAll(async () => {
    await app.close();
  });

  it('knows every GET route, and each one that returns text carries @Audited', () => {
    const gets = registeredRoutes(app).filter((r) => r.method === 'get');
    expect(gets.length).toBeGreaterThan(30);
    const unclassified = gets.filter((r) => !RETURNS_TEXT.has(r.key) && !(r.key in NO_TEXT)).map((r) => r.key);
    expect(unclassified).toEqual([]);
    // Nothing listed that the server does not serve (a renamed route would leave a stale line).
    const keys = new Set(gets.map((r) => r.key));
    expect([...RETURNS_TEXT, ...Object.keys(NO_TEXT)].filter((key) => !keys.has(key))).toEqual([]);
    const unaudited = gets.filter((r) => RETURNS_TEXT.has(r.key) && !auditedAction(r.handler)).map((r) => r.key);
    expect(unaudited).toEqual([]);
  });

  it('records the reads #17 found unaudited: a snapshot’s state and diff, and the disagreements view', async () => {
    const projectId = (await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Dekning' }).expect(201))
      .body.id as string;
    await addMember(app, owner, projectId, viewer, 'viewer');
    const documentId = (
      await app.http
        .post(`/api/projects/${projectId}/documents`)
        .set(bearer(owner))
        .send({ title: 'Informant 3', text: 'Intervjuer: Hva tenker du om det?' })
        .expect(201)
    ).body.id as string;
    const snapshotId = (
      await app.http.post(`/api/projects/${projectId}/snapshots`).set(bearer(owner)).send({ name: 'Frist' }).expect(201)
    ).body.id as string;

    await app.http.get(`/api/snapshots/${snapshotId}/state`).set(bearer(viewer)).expect(200);
    await app.http.get(`/api/snapshots/${snapshotId}/diff?against=current`).set(bearer(viewer)).expect(200);
    await app.http
      .get(`/api/projects/${projectId}/analysis/agreement/disagreements`)
      .query({ coderA: owner.id, coderB: viewer.id, documentId })
      .set(bearer(viewer))
      .expect(200);
    // A refused read is no read: nothing recorded for it.
    const outsider = await createUser(app, 'Otto Outsider');
    await app.http.get(`/api/snapshots/${snapshotId}/state`).set(bearer(outsider)).expect(404);

    const page = (
      await app.http.get(`/api/projects/${projectId}/audit`).query({ actor: viewer.id }).set(bearer(owner)).expect(200)
    ).body as AuditPage;
    const seen = page.entries.map((e) => ({ action: e.action, target: e.target, details: e.details })).reverse();
    expect(seen).toEqual([
      // Joining by accepting the invitation is the invitee's own act.
      { action: 'member.change', target: { type: 'user', id: viewer.id }, details: { role: 'viewer' } },
      { action: 'snapshot.read', target: { type: 'project', id: projectId }, details: { snapshotId } },
      { action: 'snapshot.read', target: { type: 'project', id: projectId }, details: { snapshotId } },
      { action: 'agreement.read', target: { type: 'document', id: documentId }, details: {} },
    ]);
    const byOutsider = await app.http
      .get(`/api/projects/${projectId}/audit`)
      .query({ actor: outsider.id })
      .set(bearer(owner))
      .expect(200);
    expect((byOutsider.body as AuditPage).total).toBe(0);
  });
});
