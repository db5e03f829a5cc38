import type { ProjectRole, ProjectSettings } from '@tolk/contracts';

/**
 * What the interface offers to each role, mirroring the api's permission
 * table (docs/api.md, "Who may do what"). Only a convenience: the server checks every
 * request, so a stale role here costs the user an error message, never data.
 */
export function canManageProject(role: ProjectRole): boolean {
  return role === 'owner';
}

export function canManageMembers(role: ProjectRole): boolean {
  return role === 'owner';
}

/**
 * Editing transcript text: owners and coders, supervisors only when the owner
 * allows it, viewers never. The live-text server applies the same rule to
 * every update, so a stale answer here never changes a transcript.
 */
export function canEditText(role: ProjectRole, settings: ProjectSettings | undefined): boolean {
  return role === 'owner' || role === 'coder' || (role === 'supervisor' && settings?.supervisorCanEditText === true);
}

/**
 * Adding transcripts and editing their title and attributes goes with
 * editing their text, which the owner may open to supervisors.
 */
export function canManageDocuments(role: ProjectRole, settings: ProjectSettings | undefined): boolean {
  return canEditText(role, settings);
}

/** Deleting erases codings and comments of everyone: the owner's call alone. */
export function canDeleteDocuments(role: ProjectRole): boolean {
  return role === 'owner';
}

/** Applying, changing and removing codings: everyone but viewers. */
export function canCode(role: ProjectRole): boolean {
  return role === 'owner' || role === 'supervisor' || role === 'coder';
}

/**
 * Adding, renaming, moving, merging and deleting codes. Supervisors propose
 * changes in comments instead (docs/api.md, "Who may do what").
 */
export function canEditCodebook(role: ProjectRole): boolean {
  return role === 'owner' || role === 'coder';
}

/** Writing comments and memos: everyone but viewers, who read them. */
export function canComment(role: ProjectRole): boolean {
  return role !== 'viewer';
}

/** Taking snapshots and setting deadlines: the owner and the supervisor (docs/api.md, "Who may do what"). */
export function canTakeSnapshots(role: ProjectRole): boolean {
  return role === 'owner' || role === 'supervisor';
}

/** Restoring a snapshot rewrites everyone's work as new changes: the owner's call. */
export function canRestoreSnapshots(role: ProjectRole): boolean {
  return role === 'owner';
}
