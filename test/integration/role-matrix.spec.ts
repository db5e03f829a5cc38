import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { wav } from './support/audio.js';
import { registeredRoutes } from './support/routes.js';
import { bearer, createUser, startTestApp, type TestApp, type TestUser, addMember } from './support/test-app.js';

/**
 * Every route so far × every kind of caller, with the status docs/api.md and
 * its role table ("Who may do what") promise. Each cell runs on a fresh project, so a
 * cell that succeeds (a delete, a role change) cannot change another's
 * outcome. An outsider's 404 must be indistinguishable from a missing id's.
 */
type Caller = 'owner' | 'supervisor' | 'coder' | 'viewer' | 'outsider' | 'anonymous';
const CALLERS: Caller[] = ['owner', 'supervisor', 'coder', 'viewer', 'outsider', 'anonymous'];

interface Fixture {
  projectId: string;
  documentId: string;
  /** A member (viewer) that no caller is, for member routes. */
  targetUserId: string;
  /** A registered user who is not yet a member, for adding. */
  newcomerEmail: string;
  codeId: string;
  /** An open proposal of the supervisor's. */
  proposalId: string;
  codingId: string;
  /** Who made the fixture's coding (the owner). */
  codingAuthorId: string;
  commentId: string;
  /** A "code all hits" batch the owner made. */
  batchId: string;
  snapshotId: string;
  deadlineId: string;
  /** A segment memo the owner made. */
  memoId: string;
  /** The owner's recording upload: complete for rows named "recording", only started for rows named "upload". */
  uploadId: string;
  /** A coding query the owner saved (rows named "saved query"). */
  queryId: string;
}

interface Route {
  name: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (f: Fixture) => string;
  /** The same route with the project or document id replaced by one that does not exist. */
  missing?: (f: Fixture) => string;
  body?: (f: Fixture) => object;
  /** Sent as the multipart field `file` instead of a JSON body. */
  file?: { name: string; content: string };
  /** Sent as raw bytes with these headers instead of a JSON body (a tus PATCH). */
  raw?: { headers: Record<string, string>; body: Buffer };
  expected: Record<Caller, number>;
  /** Run with the project setting that lets supervisors edit text. */
  supervisorCanEditText?: boolean;
  /** Run with blind coding on. */
  blindCoding?: boolean;
}

const ALL = (ok: number): Record<Caller, number> => ({
  owner: ok,
  supervisor: ok,
  coder: ok,
  viewer: ok,
  outsider: 404,
  anonymous: 401,
});
const OWNER_ONLY = (ok: number): Record<Caller, number> => ({
  owner: ok,
  supervisor: 403,
  coder: 403,
  viewer: 403,
  outsider: 404,
  anonymous: 401,
});
const TEXT_EDITORS = (ok: number, supervisor = 403): Record<Caller, number> => ({
  owner: ok,
  supervisor,
  coder: ok,
  viewer: 403,
  outsider: 404,
  anonymous: 401,
});

const missingProject = (path: string) => (f: Fixture) =>
  path.replace('PROJECT', randomUUID()).replace('DOC', f.documentId);
const missingDocument = (path: string) => () => path.replace('DOC', randomUUID());
const at = (path: string) => (f: Fixture) =>
  path
    .replace('PROJECT', f.projectId)
    .replace('DOC', f.documentId)
    .replace('TARGET', f.targetUserId)
    .replace('PROPOSAL', f.proposalId)
    .replace('CODING', f.codingId)
    .replace('CODE', f.codeId)
    .replace('COMMENT', f.commentId)
    .replace('BATCH', f.batchId)
    .replace('SNAPSHOT', f.snapshotId)
    .replace('DEADLINE', f.deadlineId)
    .replace('MEMO', f.memoId)
    .replace('UPLOAD', f.uploadId)
    .replace('QUERY', f.queryId);
const missingId = (path: string) => (f: Fixture) =>
  at(path)(f).replace(/[0-9a-f-]{36}(?!.*[0-9a-f-]{36})/, randomUUID());
const CODEBOOK_EDITORS = (ok: number): Record<Caller, number> => ({
  owner: ok,
  supervisor: 403,
  coder: ok,
  viewer: 403,
  outsider: 404,
  anonymous: 401,
});
const CODERS = (ok: number): Record<Caller, number> => ({ ...ALL(ok), viewer: 403 });
const OWNER_AND_SUPERVISOR = (ok: number): Record<Caller, number> => ({ ...OWNER_ONLY(ok), supervisor: ok });
/** Snapshots are immutable: 405 to every member and non-member alike (nothing learnt about the id). */
const IMMUTABLE: Record<Caller, number> = {
  owner: 405,
  supervisor: 405,
  coder: 405,
  viewer: 405,
  outsider: 405,
  anonymous: 401,
};

const ROUTES: Route[] = [
  { name: 'GET /api/auth/me', method: 'get', path: () => '/api/auth/me', expected: { ...ALL(200), outsider: 200 } },
  {
    // A wrong current password: every signed-in caller gets the same 403 (the change itself is in security.spec).
    name: 'POST /api/auth/password',
    method: 'post',
    path: () => '/api/auth/password',
    body: () => ({ currentPassword: 'not the password', newPassword: 'another long password' }),
    expected: { ...ALL(403), outsider: 403 },
  },
  // DELETE /api/me would erase the callers the other cells need: account.spec covers it.
  { name: 'GET /api/me/export', method: 'get', path: () => '/api/me/export', expected: { ...ALL(200), outsider: 200 } },
  { name: 'GET /api/projects', method: 'get', path: () => '/api/projects', expected: { ...ALL(200), outsider: 200 } },
  {
    name: 'POST /api/projects',
    method: 'post',
    path: () => '/api/projects',
    body: () => ({ name: 'Another project' }),
    expected: { ...ALL(201), outsider: 201 },
  },
  {
    name: 'GET project',
    method: 'get',
    path: at('/api/projects/PROJECT'),
    missing: missingProject('/api/projects/PROJECT'),
    expected: ALL(200),
  },
  {
    name: 'PATCH project',
    method: 'patch',
    path: at('/api/projects/PROJECT'),
    missing: missingProject('/api/projects/PROJECT'),
    body: () => ({ description: 'changed', settings: { blindCoding: true } }),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'DELETE project',
    method: 'delete',
    path: at('/api/projects/PROJECT'),
    missing: missingProject('/api/projects/PROJECT'),
    expected: OWNER_ONLY(204),
  },
  {
    name: 'GET members',
    method: 'get',
    path: at('/api/projects/PROJECT/members'),
    missing: missingProject('/api/projects/PROJECT/members'),
    expected: ALL(200),
  },
  {
    name: 'POST member',
    method: 'post',
    path: at('/api/projects/PROJECT/members'),
    missing: missingProject('/api/projects/PROJECT/members'),
    // By email it invites (202 whether or not the address has an account).
    body: (f) => ({ email: f.newcomerEmail, role: 'coder' }),
    expected: OWNER_ONLY(202),
  },
  {
    name: 'POST invitation',
    method: 'post',
    path: at('/api/projects/PROJECT/invitations'),
    missing: missingProject('/api/projects/PROJECT/invitations'),
    body: (f) => ({ email: f.newcomerEmail, role: 'coder' }),
    expected: OWNER_ONLY(202),
  },
  {
    name: 'PATCH member',
    method: 'patch',
    path: at('/api/projects/PROJECT/members/TARGET'),
    missing: (f) => `/api/projects/${randomUUID()}/members/${f.targetUserId}`,
    body: () => ({ role: 'coder' }),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'DELETE member',
    method: 'delete',
    path: at('/api/projects/PROJECT/members/TARGET'),
    missing: (f) => `/api/projects/${randomUUID()}/members/${f.targetUserId}`,
    expected: OWNER_ONLY(204),
  },
  {
    name: 'POST document',
    method: 'post',
    path: at('/api/projects/PROJECT/documents'),
    missing: missingProject('/api/projects/PROJECT/documents'),
    body: () => ({
      title: 'Informant 5',
      text: 'Intervjuer: Hei.\nInformant 5: Hei.',
      attributes: { utdanning: 'sosionom' },
    }),
    expected: TEXT_EDITORS(201),
  },
  {
    name: 'POST document (supervisor may edit text)',
    method: 'post',
    path: at('/api/projects/PROJECT/documents'),
    body: () => ({ title: 'Informant 6', text: 'Tekst' }),
    expected: TEXT_EDITORS(201, 201),
    supervisorCanEditText: true,
  },
  {
    name: 'GET documents',
    method: 'get',
    path: at('/api/projects/PROJECT/documents'),
    missing: missingProject('/api/projects/PROJECT/documents'),
    expected: ALL(200),
  },
  {
    name: 'GET document',
    method: 'get',
    path: at('/api/documents/DOC'),
    missing: missingDocument('/api/documents/DOC'),
    expected: ALL(200),
  },
  {
    name: 'GET document history',
    method: 'get',
    path: at('/api/documents/DOC/history'),
    missing: missingDocument('/api/documents/DOC/history'),
    expected: ALL(200),
  },
  {
    name: 'PATCH document',
    method: 'patch',
    path: at('/api/documents/DOC'),
    missing: missingDocument('/api/documents/DOC'),
    body: () => ({ title: 'Renamed', attributes: { utdanning: 'vernepleier' } }),
    expected: TEXT_EDITORS(200),
  },
  {
    name: 'PATCH document (supervisor may edit text)',
    method: 'patch',
    path: at('/api/documents/DOC'),
    body: () => ({ title: 'Renamed by supervisor' }),
    expected: TEXT_EDITORS(200, 200),
    supervisorCanEditText: true,
  },
  {
    name: 'GET codes',
    method: 'get',
    path: at('/api/projects/PROJECT/codes'),
    missing: missingProject('/api/projects/PROJECT/codes'),
    expected: ALL(200),
  },
  {
    name: 'POST code',
    method: 'post',
    path: at('/api/projects/PROJECT/codes'),
    missing: missingProject('/api/projects/PROJECT/codes'),
    body: () => ({ name: 'Ny kode' }),
    expected: CODEBOOK_EDITORS(201),
  },
  {
    name: 'PATCH code',
    method: 'patch',
    path: at('/api/codes/CODE'),
    missing: missingId('/api/codes/CODE'),
    body: () => ({ name: 'Omdøpt' }),
    expected: CODEBOOK_EDITORS(200),
  },
  {
    name: 'DELETE code (force)',
    method: 'delete',
    path: (f) => `${at('/api/codes/CODE')(f)}?force=true`,
    expected: CODEBOOK_EDITORS(204),
  },
  {
    name: 'GET codings',
    method: 'get',
    path: at('/api/documents/DOC/codings'),
    missing: missingDocument('/api/documents/DOC/codings'),
    expected: ALL(200),
  },
  {
    name: 'POST coding',
    method: 'post',
    path: at('/api/documents/DOC/codings'),
    missing: missingDocument('/api/documents/DOC/codings'),
    body: (f) => ({ codeId: f.codeId, start: 0, end: 5 }),
    expected: CODERS(201),
  },
  {
    name: 'PATCH coding',
    method: 'patch',
    path: at('/api/codings/CODING'),
    missing: missingId('/api/codings/CODING'),
    body: () => ({ end: 8, version: 1 }),
    expected: CODERS(200),
  },
  {
    name: 'DELETE coding',
    method: 'delete',
    path: at('/api/codings/CODING'),
    missing: missingId('/api/codings/CODING'),
    expected: CODERS(204),
  },
  {
    name: 'GET coding history',
    method: 'get',
    path: at('/api/codings/CODING/history'),
    missing: missingId('/api/codings/CODING/history'),
    expected: ALL(200),
  },
  {
    name: 'GET comments',
    method: 'get',
    path: at('/api/documents/DOC/comments'),
    missing: missingDocument('/api/documents/DOC/comments'),
    expected: ALL(200),
  },
  {
    name: 'POST comment',
    method: 'post',
    path: at('/api/documents/DOC/comments'),
    missing: missingDocument('/api/documents/DOC/comments'),
    body: () => ({ body: 'Fin formulering', start: 0, end: 5 }),
    expected: CODERS(201),
  },
  {
    name: 'PATCH comment (resolve)',
    method: 'patch',
    path: at('/api/comments/COMMENT'),
    missing: missingId('/api/comments/COMMENT'),
    body: () => ({ resolved: true }),
    expected: CODERS(200),
  },
  {
    // The fixture's comment is the owner's: only the owner (its author) may delete it here.
    name: 'DELETE comment',
    method: 'delete',
    path: at('/api/comments/COMMENT'),
    missing: missingId('/api/comments/COMMENT'),
    expected: OWNER_ONLY(204),
  },
  {
    name: 'GET project comments',
    method: 'get',
    path: at('/api/projects/PROJECT/comments'),
    missing: missingProject('/api/projects/PROJECT/comments'),
    expected: ALL(200),
  },
  {
    name: 'GET document activity',
    method: 'get',
    path: at('/api/projects/PROJECT/documents/activity'),
    missing: missingProject('/api/projects/PROJECT/documents/activity'),
    expected: ALL(200),
  },
  {
    name: 'GET project memo',
    method: 'get',
    path: at('/api/projects/PROJECT/memo'),
    missing: missingProject('/api/projects/PROJECT/memo'),
    expected: ALL(200),
  },
  {
    name: 'PUT project memo',
    method: 'put',
    path: at('/api/projects/PROJECT/memo'),
    missing: missingProject('/api/projects/PROJECT/memo'),
    body: () => ({ body: 'Notat' }),
    expected: CODERS(200),
  },
  {
    name: 'GET project memos',
    method: 'get',
    path: at('/api/projects/PROJECT/memos'),
    missing: missingProject('/api/projects/PROJECT/memos'),
    expected: ALL(200),
  },
  {
    name: 'GET memos.docx',
    method: 'get',
    path: at('/api/projects/PROJECT/memos.docx'),
    missing: missingProject('/api/projects/PROJECT/memos.docx'),
    expected: ALL(200),
  },
  {
    name: 'POST segment memo',
    method: 'post',
    path: at('/api/documents/DOC/memos'),
    missing: missingDocument('/api/documents/DOC/memos'),
    body: () => ({ start: 0, end: 5 }),
    expected: CODERS(201),
  },
  {
    name: 'GET memo',
    method: 'get',
    path: at('/api/memos/MEMO'),
    missing: missingId('/api/memos/MEMO'),
    expected: ALL(200),
  },
  {
    name: 'PUT memo',
    method: 'put',
    path: at('/api/memos/MEMO'),
    missing: missingId('/api/memos/MEMO'),
    body: () => ({ body: 'Notat' }),
    expected: CODERS(200),
  },
  {
    name: 'GET memo history',
    method: 'get',
    path: at('/api/memos/MEMO/history'),
    missing: missingId('/api/memos/MEMO/history'),
    expected: ALL(200),
  },
  {
    name: 'DELETE memo',
    method: 'delete',
    path: at('/api/memos/MEMO'),
    missing: missingId('/api/memos/MEMO'),
    expected: CODERS(204),
  },
  {
    name: 'GET document memo',
    method: 'get',
    path: at('/api/documents/DOC/memo'),
    missing: missingDocument('/api/documents/DOC/memo'),
    expected: ALL(200),
  },
  {
    name: 'GET code memo',
    method: 'get',
    path: at('/api/codes/CODE/memo'),
    missing: missingId('/api/codes/CODE/memo'),
    expected: ALL(200),
  },
  // The fixture's coding is not deleted: restoring it changes nothing, but the role is checked all the same.
  {
    name: 'POST coding restore',
    method: 'post',
    path: at('/api/codings/CODING/restore'),
    missing: missingId('/api/codings/CODING/restore'),
    expected: CODERS(200),
  },
  {
    name: 'GET code proposals',
    method: 'get',
    path: at('/api/projects/PROJECT/code-proposals'),
    missing: missingProject('/api/projects/PROJECT/code-proposals'),
    expected: ALL(200),
  },
  {
    // Proposing is the supervisor's way to change the codebook (and coders' and the owner's too).
    name: 'POST code proposal',
    method: 'post',
    path: at('/api/projects/PROJECT/code-proposals'),
    missing: missingProject('/api/projects/PROJECT/code-proposals'),
    body: () => ({ kind: 'create', name: 'Forslag' }),
    expected: CODERS(201),
  },
  {
    name: 'POST code proposal accept',
    method: 'post',
    path: at('/api/code-proposals/PROPOSAL/accept'),
    missing: missingId('/api/code-proposals/PROPOSAL/accept'),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'POST code proposal decline',
    method: 'post',
    path: at('/api/code-proposals/PROPOSAL/decline'),
    missing: missingId('/api/code-proposals/PROPOSAL/decline'),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'GET codebook history',
    method: 'get',
    path: at('/api/projects/PROJECT/codebook/history'),
    missing: missingProject('/api/projects/PROJECT/codebook/history'),
    expected: ALL(200),
  },
  {
    // Into itself: refused as invalid, but only after the role check.
    name: 'POST code merge',
    method: 'post',
    path: at('/api/codes/CODE/merge'),
    missing: missingId('/api/codes/CODE/merge'),
    body: (f) => ({ intoCodeId: f.codeId }),
    expected: CODEBOOK_EDITORS(400),
  },
  {
    name: 'PUT document memo',
    method: 'put',
    path: at('/api/documents/DOC/memo'),
    missing: missingDocument('/api/documents/DOC/memo'),
    body: () => ({ body: 'Notat' }),
    expected: CODERS(200),
  },
  {
    name: 'PUT code memo',
    method: 'put',
    path: at('/api/codes/CODE/memo'),
    missing: missingId('/api/codes/CODE/memo'),
    body: () => ({ body: 'Notat' }),
    expected: CODERS(200),
  },
  {
    name: 'GET agreement',
    method: 'get',
    path: (f) =>
      `${at('/api/projects/PROJECT/analysis/agreement')(f)}?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    missing: (f) =>
      `/api/projects/${randomUUID()}/analysis/agreement?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    expected: ALL(200),
  },
  {
    name: 'GET agreement (blind coding)',
    method: 'get',
    path: (f) =>
      `${at('/api/projects/PROJECT/analysis/agreement')(f)}?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    expected: { ...ALL(200), coder: 403, viewer: 403 },
    blindCoding: true,
  },
  {
    name: 'GET agreement.csv',
    method: 'get',
    path: (f) =>
      `${at('/api/projects/PROJECT/analysis/agreement.csv')(f)}?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    missing: (f) =>
      `/api/projects/${randomUUID()}/analysis/agreement.csv?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    expected: ALL(200),
  },
  {
    name: 'GET agreement.xlsx',
    method: 'get',
    path: (f) =>
      `${at('/api/projects/PROJECT/analysis/agreement.xlsx')(f)}?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    missing: (f) =>
      `/api/projects/${randomUUID()}/analysis/agreement.xlsx?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    expected: ALL(200),
  },
  {
    name: 'GET agreement.docx',
    method: 'get',
    path: (f) =>
      `${at('/api/projects/PROJECT/analysis/agreement.docx')(f)}?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    missing: (f) =>
      `/api/projects/${randomUUID()}/analysis/agreement.docx?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    expected: ALL(200),
  },
  {
    name: 'GET agreement.xlsx (blind coding)',
    method: 'get',
    path: (f) =>
      `${at('/api/projects/PROJECT/analysis/agreement.xlsx')(f)}?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}`,
    expected: { ...ALL(200), coder: 403, viewer: 403 },
    blindCoding: true,
  },
  {
    name: 'GET agreement disagreements',
    method: 'get',
    path: (f) =>
      `${at('/api/projects/PROJECT/analysis/agreement/disagreements')(f)}?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}&documentId=${f.documentId}`,
    missing: (f) =>
      `/api/projects/${randomUUID()}/analysis/agreement/disagreements?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}&documentId=${f.documentId}`,
    expected: ALL(200),
  },
  {
    name: 'GET agreement disagreements (blind coding)',
    method: 'get',
    path: (f) =>
      `${at('/api/projects/PROJECT/analysis/agreement/disagreements')(f)}?coderA=${f.targetUserId}&coderB=${f.codingAuthorId}&documentId=${f.documentId}`,
    expected: OWNER_ONLY(200),
    blindCoding: true,
  },
  {
    name: 'POST agreement adopt',
    method: 'post',
    path: at('/api/projects/PROJECT/analysis/agreement/adopt'),
    missing: missingProject('/api/projects/PROJECT/analysis/agreement/adopt'),
    body: (f) => ({ codingId: f.codingId }),
    // The fixture's coding is the owner's own: adopting it is a conflict for the owner alone.
    expected: { ...CODERS(201), owner: 409 },
  },
  {
    name: 'GET segments',
    method: 'get',
    path: at('/api/projects/PROJECT/segments?attr.utdanning=x'),
    missing: missingProject('/api/projects/PROJECT/segments'),
    expected: ALL(200),
  },
  {
    name: 'GET frequencies',
    method: 'get',
    path: at('/api/projects/PROJECT/analysis/frequencies'),
    missing: missingProject('/api/projects/PROJECT/analysis/frequencies'),
    expected: ALL(200),
  },
  {
    name: 'GET co-occurrence',
    method: 'get',
    path: at('/api/projects/PROJECT/analysis/cooccurrence'),
    missing: missingProject('/api/projects/PROJECT/analysis/cooccurrence'),
    expected: ALL(200),
  },
  {
    name: 'GET attribute matrix',
    method: 'get',
    path: at('/api/projects/PROJECT/analysis/matrix?attribute=utdanning'),
    missing: missingProject('/api/projects/PROJECT/analysis/matrix?attribute=utdanning'),
    expected: ALL(200),
  },
  {
    name: 'GET document matrix',
    method: 'get',
    path: at('/api/projects/PROJECT/analysis/document-matrix'),
    missing: missingProject('/api/projects/PROJECT/analysis/document-matrix'),
    expected: ALL(200),
  },
  {
    name: 'POST coding query',
    method: 'post',
    path: at('/api/projects/PROJECT/analysis/query'),
    missing: missingProject('/api/projects/PROJECT/analysis/query'),
    body: (f) => ({ expression: { codeId: f.codeId } }),
    expected: ALL(200),
  },
  {
    name: 'GET saved queries',
    method: 'get',
    path: at('/api/projects/PROJECT/analysis/queries'),
    missing: missingProject('/api/projects/PROJECT/analysis/queries'),
    expected: ALL(200),
  },
  {
    // Saving is for those who analyse; viewers read and run what others saved.
    name: 'POST saved query',
    method: 'post',
    path: at('/api/projects/PROJECT/analysis/queries'),
    missing: missingProject('/api/projects/PROJECT/analysis/queries'),
    body: (f) => ({ name: 'Ny spørring', query: { expression: { codeId: f.codeId } } }),
    expected: CODERS(201),
  },
  {
    // The owner saved it: only she (the saver, an owner) may change it; others who save get 403 too.
    name: 'PATCH saved query',
    method: 'patch',
    path: at('/api/projects/PROJECT/analysis/queries/QUERY'),
    missing: (f) => at('/api/projects/PROJECT/analysis/queries/QUERY')(f).replace(f.projectId, randomUUID()),
    body: () => ({ name: 'Nytt navn' }),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'DELETE saved query',
    method: 'delete',
    path: at('/api/projects/PROJECT/analysis/queries/QUERY'),
    missing: (f) => at('/api/projects/PROJECT/analysis/queries/QUERY')(f).replace(f.projectId, randomUUID()),
    expected: OWNER_ONLY(204),
  },
  {
    name: 'GET saved query results',
    method: 'get',
    path: at('/api/projects/PROJECT/analysis/queries/QUERY/results'),
    missing: (f) => at('/api/projects/PROJECT/analysis/queries/QUERY/results')(f).replace(f.projectId, randomUUID()),
    expected: ALL(200),
  },
  {
    name: 'GET word frequencies',
    method: 'get',
    path: at('/api/projects/PROJECT/analysis/words?limit=10'),
    missing: missingProject('/api/projects/PROJECT/analysis/words'),
    expected: ALL(200),
  },
  {
    name: 'GET search',
    method: 'get',
    path: at('/api/projects/PROJECT/search?q=hvordan'),
    missing: missingProject('/api/projects/PROJECT/search?q=hvordan'),
    expected: ALL(200),
  },
  {
    name: 'POST search code-all',
    method: 'post',
    path: at('/api/projects/PROJECT/search/code-all'),
    missing: missingProject('/api/projects/PROJECT/search/code-all'),
    body: (f) => ({ q: 'hvordan', codeId: f.codeId }),
    expected: CODERS(201),
  },
  {
    // A batch is its maker's (or an owner's) to undo.
    name: 'DELETE search code-all batch',
    method: 'delete',
    path: at('/api/projects/PROJECT/search/code-all/BATCH'),
    missing: (f) => `/api/projects/${randomUUID()}/search/code-all/${f.batchId}`,
    expected: { owner: 200, supervisor: 403, coder: 403, viewer: 403, outsider: 404, anonymous: 401 },
  },
  {
    name: 'GET segments.csv',
    method: 'get',
    path: at('/api/projects/PROJECT/export/segments.csv'),
    missing: missingProject('/api/projects/PROJECT/export/segments.csv'),
    expected: ALL(200),
  },
  {
    name: 'GET segments.xlsx',
    method: 'get',
    path: at('/api/projects/PROJECT/export/segments.xlsx'),
    missing: missingProject('/api/projects/PROJECT/export/segments.xlsx'),
    expected: ALL(200),
  },
  {
    name: 'GET report.docx',
    method: 'get',
    path: at('/api/projects/PROJECT/export/report.docx'),
    missing: missingProject('/api/projects/PROJECT/export/report.docx'),
    expected: ALL(200),
  },
  {
    name: 'GET report.md',
    method: 'get',
    path: at('/api/projects/PROJECT/export/report.md'),
    missing: missingProject('/api/projects/PROJECT/export/report.md'),
    expected: ALL(200),
  },
  {
    name: 'GET report.odt',
    method: 'get',
    path: at('/api/projects/PROJECT/export/report.odt'),
    missing: missingProject('/api/projects/PROJECT/export/report.odt'),
    expected: ALL(200),
  },
  {
    name: 'DELETE document',
    method: 'delete',
    path: at('/api/documents/DOC'),
    missing: missingDocument('/api/documents/DOC'),
    expected: OWNER_ONLY(204),
  },
  // REFI-QDA exchange: whoever may read a project may export it (an examiner with the viewer role too).
  {
    name: 'GET export.qdpx',
    method: 'get',
    path: at('/api/projects/PROJECT/export.qdpx'),
    missing: missingProject('/api/projects/PROJECT/export.qdpx'),
    expected: ALL(200),
  },
  {
    name: 'GET codebook.qdc',
    method: 'get',
    path: at('/api/projects/PROJECT/codebook.qdc'),
    missing: missingProject('/api/projects/PROJECT/codebook.qdc'),
    expected: ALL(200),
  },
  {
    name: 'POST /api/projects/import',
    method: 'post',
    path: () => '/api/projects/import',
    file: { name: 'project.qde', content: '<Project xmlns="urn:QDA-XML:project:1.0" name="Importert"/>' },
    expected: { ...ALL(201), outsider: 201 },
  },
  {
    name: 'POST codebook.qdc',
    method: 'post',
    path: at('/api/projects/PROJECT/codebook.qdc'),
    missing: missingProject('/api/projects/PROJECT/codebook.qdc'),
    file: {
      name: 'codebook.qdc',
      content:
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0b5e4c1a-0000-4000-8000-000000000001" name="Importert kode" isCodable="true"/></Codes></CodeBook>',
    },
    expected: CODEBOOK_EDITORS(201),
  },
  {
    name: 'POST snapshot',
    method: 'post',
    path: at('/api/projects/PROJECT/snapshots'),
    missing: missingProject('/api/projects/PROJECT/snapshots'),
    body: () => ({ name: 'Utkast' }),
    expected: OWNER_AND_SUPERVISOR(201),
  },
  {
    name: 'GET snapshots',
    method: 'get',
    path: at('/api/projects/PROJECT/snapshots'),
    missing: missingProject('/api/projects/PROJECT/snapshots'),
    expected: ALL(200),
  },
  {
    name: 'GET snapshot',
    method: 'get',
    path: at('/api/snapshots/SNAPSHOT'),
    missing: missingId('/api/snapshots/SNAPSHOT'),
    expected: ALL(200),
  },
  {
    name: 'GET snapshot state',
    method: 'get',
    path: at('/api/snapshots/SNAPSHOT/state'),
    missing: missingId('/api/snapshots/SNAPSHOT/state'),
    expected: ALL(200),
  },
  {
    name: 'GET snapshot document',
    method: 'get',
    path: at('/api/snapshots/SNAPSHOT/documents/DOC'),
    missing: (f) => `/api/snapshots/${randomUUID()}/documents/${f.documentId}`,
    expected: ALL(200),
  },
  {
    name: 'GET snapshot diff',
    method: 'get',
    path: (f) => `${at('/api/snapshots/SNAPSHOT/diff')(f)}?against=current`,
    missing: () => `/api/snapshots/${randomUUID()}/diff?against=current`,
    expected: ALL(200),
  },
  {
    name: 'POST snapshot restore',
    method: 'post',
    path: at('/api/snapshots/SNAPSHOT/restore'),
    missing: missingId('/api/snapshots/SNAPSHOT/restore'),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'PUT snapshot',
    method: 'put',
    path: at('/api/snapshots/SNAPSHOT'),
    body: () => ({ name: 'x' }),
    expected: IMMUTABLE,
  },
  {
    name: 'PATCH snapshot',
    method: 'patch',
    path: at('/api/snapshots/SNAPSHOT'),
    body: () => ({ name: 'x' }),
    expected: IMMUTABLE,
  },
  { name: 'DELETE snapshot', method: 'delete', path: at('/api/snapshots/SNAPSHOT'), expected: IMMUTABLE },
  {
    name: 'PUT snapshot document',
    method: 'put',
    path: at('/api/snapshots/SNAPSHOT/documents/DOC'),
    body: () => ({ text: 'x' }),
    expected: IMMUTABLE,
  },
  {
    name: 'PATCH snapshot document',
    method: 'patch',
    path: at('/api/snapshots/SNAPSHOT/documents/DOC'),
    body: () => ({ text: 'x' }),
    expected: IMMUTABLE,
  },
  {
    name: 'DELETE snapshot document',
    method: 'delete',
    path: at('/api/snapshots/SNAPSHOT/documents/DOC'),
    expected: IMMUTABLE,
  },
  {
    name: 'POST deadline',
    method: 'post',
    path: at('/api/projects/PROJECT/deadlines'),
    missing: missingProject('/api/projects/PROJECT/deadlines'),
    body: () => ({ name: 'Innlevering', dueAt: '2031-05-15T12:00:00+02:00' }),
    expected: OWNER_AND_SUPERVISOR(201),
  },
  {
    name: 'GET deadlines',
    method: 'get',
    path: at('/api/projects/PROJECT/deadlines'),
    missing: missingProject('/api/projects/PROJECT/deadlines'),
    expected: ALL(200),
  },
  {
    name: 'DELETE deadline',
    method: 'delete',
    path: at('/api/deadlines/DEADLINE'),
    missing: missingId('/api/deadlines/DEADLINE'),
    expected: OWNER_AND_SUPERVISOR(204),
  },
  {
    name: 'GET retention',
    method: 'get',
    path: at('/api/projects/PROJECT/retention'),
    missing: missingProject('/api/projects/PROJECT/retention'),
    expected: ALL(200),
  },
  {
    name: 'PUT retention',
    method: 'put',
    path: at('/api/projects/PROJECT/retention'),
    missing: missingProject('/api/projects/PROJECT/retention'),
    body: () => ({ retentionUntil: '2099-01-01' }),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'GET recording retention',
    method: 'get',
    path: at('/api/projects/PROJECT/recording-retention'),
    missing: missingProject('/api/projects/PROJECT/recording-retention'),
    expected: ALL(200),
  },
  {
    name: 'PUT recording retention',
    method: 'put',
    path: at('/api/projects/PROJECT/recording-retention'),
    missing: missingProject('/api/projects/PROJECT/recording-retention'),
    body: () => ({ deleteBy: '2099-01-01' }),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'GET consent',
    method: 'get',
    path: at('/api/documents/DOC/consent'),
    missing: missingDocument('/api/documents/DOC/consent'),
    expected: TEXT_EDITORS(200),
  },
  {
    name: 'PUT consent',
    method: 'put',
    path: at('/api/documents/DOC/consent'),
    missing: missingDocument('/api/documents/DOC/consent'),
    body: () => ({ reference: 'Skjema 1', consentDate: '2026-01-15' }),
    expected: TEXT_EDITORS(200),
  },
  {
    name: 'GET pseudonyms',
    method: 'get',
    path: at('/api/projects/PROJECT/pseudonyms'),
    missing: missingProject('/api/projects/PROJECT/pseudonyms'),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'PUT pseudonyms',
    method: 'put',
    path: at('/api/projects/PROJECT/pseudonyms'),
    missing: missingProject('/api/projects/PROJECT/pseudonyms'),
    body: () => ({ entries: [{ real: 'Ola', pseudonym: 'Informant 1' }] }),
    expected: OWNER_ONLY(200),
  },
  // No list saved in the fixture: the owner gets the 409 that says so.
  {
    name: 'POST pseudonyms apply',
    method: 'post',
    path: at('/api/projects/PROJECT/pseudonyms/apply'),
    missing: missingProject('/api/projects/PROJECT/pseudonyms/apply'),
    expected: OWNER_ONLY(409),
  },
  {
    name: 'DELETE pseudonyms',
    method: 'delete',
    path: at('/api/projects/PROJECT/pseudonyms'),
    missing: missingProject('/api/projects/PROJECT/pseudonyms'),
    expected: OWNER_ONLY(204),
  },
  {
    name: 'GET audit',
    method: 'get',
    path: at('/api/projects/PROJECT/audit'),
    missing: missingProject('/api/projects/PROJECT/audit'),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'GET audit.csv',
    method: 'get',
    path: at('/api/projects/PROJECT/audit.csv'),
    missing: missingProject('/api/projects/PROJECT/audit.csv'),
    expected: OWNER_ONLY(200),
  },
  {
    name: 'DELETE document',
    method: 'delete',
    path: at('/api/documents/DOC'),
    missing: missingDocument('/api/documents/DOC'),
    expected: OWNER_ONLY(204),
  },
  {
    name: 'POST recording',
    method: 'post',
    path: at('/api/documents/DOC/recording'),
    missing: missingDocument('/api/documents/DOC/recording'),
    body: () => ({ size: 1000, filename: 'intervju.wav', contentType: 'audio/wav' }),
    expected: TEXT_EDITORS(201),
  },
  {
    name: 'POST recording (supervisors edit text)',
    method: 'post',
    path: at('/api/documents/DOC/recording'),
    missing: missingDocument('/api/documents/DOC/recording'),
    body: () => ({ size: 1000, filename: 'intervju.wav', contentType: 'audio/wav' }),
    expected: TEXT_EDITORS(201, 201),
    supervisorCanEditText: true,
  },
  {
    // An upload exists only for its uploader (the owner here): anyone else gets the 404 of a missing one.
    name: 'PATCH upload',
    method: 'patch',
    path: at('/api/recording-uploads/UPLOAD'),
    missing: missingId('/api/recording-uploads/UPLOAD'),
    raw: {
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
      body: Buffer.from('RIFF'),
    },
    expected: { owner: 204, supervisor: 404, coder: 404, viewer: 404, outsider: 404, anonymous: 401 },
  },
  {
    name: 'GET recording',
    method: 'get',
    path: at('/api/documents/DOC/recording'),
    missing: missingDocument('/api/documents/DOC/recording'),
    expected: ALL(200),
  },
  {
    name: 'GET recording audio',
    method: 'get',
    path: at('/api/documents/DOC/recording/audio'),
    missing: missingDocument('/api/documents/DOC/recording/audio'),
    expected: ALL(200),
  },
  {
    name: 'DELETE recording',
    method: 'delete',
    path: at('/api/documents/DOC/recording'),
    missing: missingDocument('/api/documents/DOC/recording'),
    expected: OWNER_ONLY(204),
  },
  // Consent withdrawal erases from every snapshot too: the owner's data duty alone.
  {
    name: 'POST document erase',
    method: 'post',
    path: at('/api/documents/DOC/erase'),
    missing: missingDocument('/api/documents/DOC/erase'),
    body: () => ({ reason: 'samtykke trukket' }),
    expected: OWNER_ONLY(204),
  },
];

/** A tenth of a second of real audio, for the recording rows. */
const RECORDING = wav(0.1, 8000);

describe('role matrix: every route × owner, supervisor, coder, viewer, outsider, anonymous', () => {
  let app: TestApp;
  let users: Record<Exclude<Caller, 'anonymous'>, TestUser>;
  let target: TestUser;

  beforeAll(async () => {
    // Tokens that outlive the run: on a busy machine the matrix takes longer than a default token lives.
    app = await startTestApp({ accessTokenSeconds: 4 * 60 * 60 });
    const [owner, supervisor, coder, viewer, outsider, targetUser] = await Promise.all(
      ['Owner', 'Supervisor', 'Coder', 'Viewer', 'Outsider', 'Target'].map((name) => createUser(app, name)),
    );
    users = { owner: owner, supervisor: supervisor, coder: coder, viewer: viewer, outsider: outsider };
    target = targetUser!;
  });
  afterAll(async () => {
    await app.close();
  });

  async function fixture(
    supervisorCanEditText = false,
    blindCoding = false,
    withSnapshot = false,
    recording?: 'complete' | 'started',
    withProposal = false,
    withQuery = false,
  ): Promise<Fixture> {
    const { owner } = users;
    const project = await app.http.post('/api/projects').set(bearer(owner)).send({ name: 'Matrix' }).expect(201);
    const projectId = project.body.id as string;
    if (supervisorCanEditText) {
      await app.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(owner))
        .send({ settings: { supervisorCanEditText } })
        .expect(200);
    }
    for (const [user, role] of [
      [users.supervisor, 'supervisor'],
      [users.coder, 'coder'],
      [users.viewer, 'viewer'],
      [target, 'viewer'],
    ] as const) {
      await addMember(app, owner, projectId, user, role);
    }
    const document = await app.http
      .post(`/api/projects/${projectId}/documents`)
      .set(bearer(owner))
      .send({ title: 'Informant 1', text: 'Intervjuer: Hvordan har du det?' })
      .expect(201);
    const newcomer = await createUser(app, 'Newcomer');
    const code = await app.http
      .post(`/api/projects/${projectId}/codes`)
      .set(bearer(owner))
      .send({ name: 'Tema' })
      .expect(201);
    // Only the routes that decide a proposal pay for one.
    const proposal = withProposal
      ? await app.http
          .post(`/api/projects/${projectId}/code-proposals`)
          .set(bearer(users.supervisor))
          .send({ kind: 'rename', codeId: code.body.id, name: 'Tema 1' })
          .expect(201)
      : undefined;
    const saved = withQuery
      ? await app.http
          .post(`/api/projects/${projectId}/analysis/queries`)
          .set(bearer(owner))
          .send({ name: 'Tema', query: { expression: { codeId: code.body.id } } })
          .expect(201)
      : undefined;
    const coding = await app.http
      .post(`/api/documents/${document.body.id}/codings`)
      .set(bearer(owner))
      .send({ codeId: code.body.id, start: 0, end: 10 })
      .expect(201);
    const comment = await app.http
      .post(`/api/documents/${document.body.id}/comments`)
      .set(bearer(owner))
      .send({ body: 'Se her', start: 0, end: 5 })
      .expect(201);
    const memo = await app.http
      .post(`/api/documents/${document.body.id}/memos`)
      .set(bearer(owner))
      .send({ start: 0, end: 10 })
      .expect(201);
    const batch = await app.http
      .post(`/api/projects/${projectId}/search/code-all`)
      .set(bearer(owner))
      .send({ q: 'hvordan', codeId: code.body.id })
      .expect(201);
    // Only the snapshot and deadline routes pay for a snapshot.
    const snapshot = withSnapshot
      ? await app.http
          .post(`/api/projects/${projectId}/snapshots`)
          .set(bearer(owner))
          .send({ name: 'Matrix' })
          .expect(201)
      : undefined;
    const deadline = withSnapshot
      ? await app.http
          .post(`/api/projects/${projectId}/deadlines`)
          .set(bearer(owner))
          .send({ name: 'Frist', dueAt: '2031-01-01T12:00:00+01:00' })
          .expect(201)
      : undefined;
    // Only the recording rows pay for a recording.
    const upload = recording
      ? await app.http
          .post(`/api/documents/${document.body.id}/recording`)
          .set(bearer(owner))
          .send({ size: RECORDING.length, filename: 'intervju.wav', contentType: 'audio/wav' })
          .expect(201)
      : undefined;
    if (recording === 'complete')
      await app.http
        .patch(upload!.body.uploadUrl as string)
        .set(bearer(owner))
        .set({ 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' })
        .send(RECORDING)
        .expect(204);
    if (blindCoding) {
      await app.http
        .patch(`/api/projects/${projectId}`)
        .set(bearer(owner))
        .send({ settings: { blindCoding } })
        .expect(200);
    }
    return {
      batchId: batch.body.batchId as string,
      snapshotId: (snapshot?.body.id as string | undefined) ?? '',
      deadlineId: (deadline?.body.id as string | undefined) ?? '',
      commentId: comment.body.id as string,
      memoId: memo.body.id as string,
      codingAuthorId: owner.id,
      projectId,
      documentId: document.body.id as string,
      targetUserId: target.id,
      newcomerEmail: newcomer.email,
      codeId: code.body.id as string,
      proposalId: (proposal?.body.id as string | undefined) ?? '',
      codingId: coding.body.id as string,
      uploadId: ((upload?.body.uploadUrl as string | undefined) ?? '').split('/').pop() ?? '',
      queryId: (saved?.body.id as string | undefined) ?? '',
    };
  }

  function send(route: Route, path: string, caller: Caller, f: Fixture) {
    let req = app.http[route.method](path);
    if (caller !== 'anonymous') req = req.set(bearer(users[caller]));
    if (route.file) return req.attach('file', Buffer.from(route.file.content), route.file.name);
    if (route.raw) return req.set(route.raw.headers).send(route.raw.body);
    return route.body ? req.send(route.body(f)) : req;
  }

  for (const route of ROUTES) {
    describe(route.name, () => {
      for (const caller of CALLERS) {
        const status = route.expected[caller];
        it(`${caller} → ${status}`, async () => {
          const f = await fixture(
            route.supervisorCanEditText,
            route.blindCoding,
            /snapshot|deadline/i.test(route.name),
            /^(GET|DELETE) recording/.test(route.name) ? 'complete' : /upload/.test(route.name) ? 'started' : undefined,
            /proposal (accept|decline)/.test(route.name),
            /saved query/.test(route.name),
          );
          const res = await send(route, route.path(f), caller, f);
          expect({ caller, status: res.status, body: res.body }).toMatchObject({ caller, status });
          if (status === 404 && route.missing) {
            // The owner asking for an id that does not exist gets the very same answer.
            const missing = await send(route, route.missing(f), 'owner', f);
            expect(missing.status).toBe(404);
            expect(res.body).toEqual(missing.body);
          }
        });
      }
    });
  }

  const NOT_FOUND_BODY = {
    statusCode: 404,
    error: 'Not Found',
    message: 'Project not found',
    reason: 'not_found',
    details: { reason: 'not_found' },
  };

  it('a 404 for a project says nothing more than "not found"', async () => {
    const f = await fixture();
    const res = await app.http.get(`/api/projects/${f.projectId}`).set(bearer(users.outsider)).expect(404);
    expect(res.body).toEqual(NOT_FOUND_BODY);
  });

  it('a malformed id is a 404 like any missing one (and never matches a row)', async () => {
    const f = await fixture();
    for (const bad of ['undefined', 'null', '1', `${f.projectId}x`, '%20']) {
      const res = await app.http.get(`/api/projects/${bad}`).set(bearer(users.owner)).expect(404);
      expect(res.body).toEqual(NOT_FOUND_BODY);
    }
  });

  it('has a row for every route the server registers, so a new route cannot slip past', () => {
    const registered = registeredRoutes(app);
    expect(registered.length).toBeGreaterThan(ROUTES.length / 2);
    // Every row names a route that exists…
    const sample = sampleFixture();
    const rowRoutes = ROUTES.map((row) => {
      const path = row.path(sample).split('?')[0];
      const route = registered.find((r) => r.method === row.method && r.pattern.test(path));
      if (!route)
        throw new Error(`matrix row "${row.name}" (${row.method.toUpperCase()} ${path}) matches no registered route`);
      return route.key;
    });
    // …and every registered route has a row, or is one of the few not under a project.
    const unchecked = registered
      .filter((r) => !rowRoutes.includes(r.key) && !NOT_PROJECT_SCOPED.has(r.key))
      .map((r) => r.key);
    expect(unchecked).toEqual([]);
  });

  it('lists only the caller’s own projects', async () => {
    const f = await fixture();
    const mine = await app.http.get('/api/projects').set(bearer(users.viewer)).expect(200);
    expect((mine.body as { id: string; role: string }[]).find((p) => p.id === f.projectId)).toMatchObject({
      role: 'viewer',
    });
    const theirs = await app.http.get('/api/projects').set(bearer(users.outsider)).expect(200);
    expect((theirs.body as { id: string }[]).some((p) => p.id === f.projectId)).toBe(false);
  });
});

/**
 * Routes that belong to no project, so the matrix has no row for them; each
 * is tested where it lives (auth.spec, oidc.spec, account.spec, platform.spec,
 * projects.spec, exchange.spec, operations.spec).
 */
const NOT_PROJECT_SCOPED = new Set([
  'GET /api/health',
  'GET /metrics',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'GET /api/auth/me',
  'GET /api/auth/options',
  'GET /api/auth/oidc/start',
  'GET /api/auth/oidc/callback',
  'GET /api/me/export',
  'DELETE /api/me',
  // The caller's own notifications and settings (notifications.spec).
  'GET /api/notifications',
  'GET /api/notifications/unread-count',
  'POST /api/notifications/read',
  'GET /api/me/notification-settings',
  'PUT /api/me/notification-settings',
  // The invitee's own invitations: only theirs, whatever their role anywhere (invitations.spec).
  'GET /api/invitations',
  'POST /api/invitations/:invitationId/accept',
  'POST /api/invitations/:invitationId/decline',
  'GET /api/projects',
  'POST /api/projects',
  'POST /api/projects/import',
]);

/** A fixture of well-formed ids, enough to turn every row into a path. */
function sampleFixture(): Fixture {
  const id = () => randomUUID();
  return {
    projectId: id(),
    documentId: id(),
    targetUserId: id(),
    newcomerEmail: 'newcomer@test.example',
    codeId: id(),
    proposalId: id(),
    codingId: id(),
    codingAuthorId: id(),
    commentId: id(),
    batchId: id(),
    snapshotId: id(),
    deadlineId: id(),
    memoId: id(),
    uploadId: id(),
    queryId: id(),
  };
}
