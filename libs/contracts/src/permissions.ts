import type { ProjectSettings } from './projects.js';
import type { ProjectRole } from './roles.js';

/**
 * The role × permission table (docs/api.md, "Who may do what") and "who may see this
 * coding", written once and read by the api's access checks and services,
 * the socket.io gateway, the `/collab` admission and the web client alike.
 * Pure functions with no framework: the server enforces them on every
 * request and message; the client uses them only to decide what to offer,
 * so a stale answer there costs the user an error message, never data.
 */

/** Everything a member may be allowed to do in a project. */
export const PERMISSIONS = [
  'read',
  'editText',
  'manageDocuments',
  'deleteDocuments',
  'eraseDocuments',
  'manageProject',
  'manageMembers',
  'manageCodebook',
  'proposeCodebookChange',
  'decideCodebookProposals',
  'code',
  'seeOthersCodings',
  'undoOthersCodeAll',
  'comment',
  'editMemos',
  'readAgreement',
  'saveQueries',
  'takeSnapshots',
  'restoreSnapshots',
  'manageDeadlines',
  'readAudit',
  'managePseudonyms',
  'uploadRecordings',
  'deleteRecordings',
  'exportRecordings',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The project settings that change what a role may do. */
export type PermissionSettings = Pick<ProjectSettings, 'supervisorCanEditText' | 'blindCoding'>;

/**
 * One cell of the table: granted, refused, or granted depending on a
 * project setting.
 * - `whenSupervisorsEdit`: only while `supervisorCanEditText` is on.
 * - `unlessBlind`: only while `blindCoding` is off.
 */
type Grant = boolean | 'whenSupervisorsEdit' | 'unlessBlind';

const TABLE: Readonly<Record<Permission, Readonly<Record<ProjectRole, Grant>>>> = {
  // Everyone in the project reads transcripts, the codebook, comments and snapshots.
  read: { owner: true, supervisor: true, coder: true, viewer: true },
  // The owner decides whether the supervisor helps edit the text; viewers never change anything.
  editText: { owner: true, supervisor: 'whenSupervisorsEdit', coder: true, viewer: false },
  // Adding transcripts and editing their title and attributes goes with editing their text.
  manageDocuments: { owner: true, supervisor: 'whenSupervisorsEdit', coder: true, viewer: false },
  // Deleting a transcript erases everyone's codings and comments on it: the owner's call alone.
  deleteDocuments: { owner: true, supervisor: false, coder: false, viewer: false },
  // Erasing a transcript from every snapshot on withdrawn consent: the owner's data duty.
  eraseDocuments: { owner: true, supervisor: false, coder: false, viewer: false },
  manageProject: { owner: true, supervisor: false, coder: false, viewer: false },
  manageMembers: { owner: true, supervisor: false, coder: false, viewer: false },
  // Adding, renaming, moving, merging and deleting codes. The supervisor only proposes (next row).
  manageCodebook: { owner: true, supervisor: false, coder: true, viewer: false },
  // Suggesting a codebook change for the owner or a coder to carry out (the supervisor "proposes").
  proposeCodebookChange: { owner: true, supervisor: true, coder: true, viewer: false },
  // Accepting (applied as the owner's change) or declining a proposal: the codebook is the student's.
  decideCodebookProposals: { owner: true, supervisor: false, coder: false, viewer: false },
  // Applying, changing and removing one's own codings.
  code: { owner: true, supervisor: true, coder: true, viewer: false },
  // Blind coding keeps coders (and the supervisor, who codes too) from seeing each other's
  // codings until the owner reveals them by turning it off; the owner always sees all.
  seeOthersCodings: { owner: true, supervisor: 'unlessBlind', coder: 'unlessBlind', viewer: 'unlessBlind' },
  // Undoing someone else's "code all hits" batch: only the owner (its maker may always undo it).
  undoOthersCodeAll: { owner: true, supervisor: false, coder: false, viewer: false },
  // Comments and memos: everyone but viewers, who read them.
  comment: { owner: true, supervisor: true, coder: true, viewer: false },
  // Memos are the analysts' own writing: the supervisor writes in them whatever the text setting says.
  editMemos: { owner: true, supervisor: true, coder: true, viewer: false },
  // Agreement figures are counts, not codings: while coding is blind the owner and the
  // supervisor still follow them, and the coders being compared do not.
  readAgreement: { owner: true, supervisor: true, coder: 'unlessBlind', viewer: 'unlessBlind' },
  // Saving a named coding query for the project (running one is reading): everyone who analyses.
  saveQueries: { owner: true, supervisor: true, coder: true, viewer: false },
  // Snapshots and hand-in deadlines follow the thesis plan, which the supervisor shares.
  takeSnapshots: { owner: true, supervisor: true, coder: false, viewer: false },
  // Restoring rewrites everyone's work as new changes: the owner's call.
  restoreSnapshots: { owner: true, supervisor: false, coder: false, viewer: false },
  manageDeadlines: { owner: true, supervisor: true, coder: false, viewer: false },
  // The audit log names who read what; pseudonyms map real names: the owner's data duty.
  readAudit: { owner: true, supervisor: false, coder: false, viewer: false },
  managePseudonyms: { owner: true, supervisor: false, coder: false, viewer: false },
  // A recording is what the transcript is typed from: whoever may edit the text may upload it.
  uploadRecordings: { owner: true, supervisor: 'whenSupervisorsEdit', coder: true, viewer: false },
  // Deleting the recording keeps the consent letter's promise: the owner's recorded step alone.
  deleteRecordings: { owner: true, supervisor: false, coder: false, viewer: false },
  // The voices leave Tolk in a REFI-QDA export only when the owner ticks it.
  exportRecordings: { owner: true, supervisor: false, coder: false, viewer: false },
};

/**
 * Whether a member with `role` may do `permission` in a project with these
 * settings. Without settings (a client that has not loaded the project yet)
 * every grant that depends on one is refused: the stricter reading offers
 * less, never more.
 */
export function may(role: ProjectRole, permission: Permission, settings?: PermissionSettings): boolean {
  const grant = TABLE[permission][role];
  switch (grant) {
    case 'whenSupervisorsEdit':
      return settings?.supervisorCanEditText === true;
    case 'unlessBlind':
      return settings !== undefined && !settings.blindCoding;
    default:
      return grant;
  }
}

/** A member as far as visibility is concerned. */
export interface PermissionViewer {
  userId: string;
  role: ProjectRole;
}

/** A coding as far as visibility is concerned: who made it (null once that account is erased). */
export interface CodingAuthor {
  createdBy: string | null;
}

/**
 * Whether `viewer` sees everyone's codings, or only their own (blind coding).
 * Services that filter a query by author ask this once instead of per row.
 */
export function seesOnlyOwnCodings(role: ProjectRole, settings: PermissionSettings): boolean {
  return !may(role, 'seeOthersCodings', settings);
}

/** Whether `viewer` may see this coding: their own always, others' as the table says. */
export function canSeeCoding(viewer: PermissionViewer, coding: CodingAuthor, settings: PermissionSettings): boolean {
  return (
    (coding.createdBy !== null && coding.createdBy === viewer.userId) || !seesOnlyOwnCodings(viewer.role, settings)
  );
}

/**
 * The members who are told about a change to this coding (live events):
 * exactly those who could read it with GET, so a live event never shows
 * what a reload would hide.
 */
export function codingAudience<M extends PermissionViewer>(
  members: readonly M[],
  coding: CodingAuthor,
  settings: PermissionSettings,
): M[] {
  return members.filter((member) => canSeeCoding(member, coding, settings));
}
