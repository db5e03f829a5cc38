import type { ProjectRole } from '@tolk/contracts';

/**
 * What the interface offers to each role (DESIGN.md, "Roles"). Only a
 * convenience: the server checks every request, so a stale role here costs
 * the user an error message, never data.
 */
export function canManageProject(role: ProjectRole): boolean {
  return role === 'owner';
}

export function canManageMembers(role: ProjectRole): boolean {
  return role === 'owner';
}

/** Adding, renaming and deleting transcripts goes with editing their text. */
export function canManageDocuments(role: ProjectRole): boolean {
  return role === 'owner' || role === 'coder';
}
