import type { ProjectRole, ProjectSettings } from '@tolk/contracts';

/**
 * What the interface offers to each role, mirroring the api's permission
 * table (DESIGN.md, "Roles"). Only a convenience: the server checks every
 * request, so a stale role here costs the user an error message, never data.
 */
export function canManageProject(role: ProjectRole): boolean {
  return role === 'owner';
}

export function canManageMembers(role: ProjectRole): boolean {
  return role === 'owner';
}

/**
 * Adding transcripts and editing their title and attributes goes with
 * editing their text, which the owner may open to supervisors.
 */
export function canManageDocuments(role: ProjectRole, settings: ProjectSettings | undefined): boolean {
  return (
    role === 'owner' || role === 'coder' || (role === 'supervisor' && settings?.supervisorCanEditText === true)
  );
}

/** Deleting erases codings and comments of everyone: the owner's call alone. */
export function canDeleteDocuments(role: ProjectRole): boolean {
  return role === 'owner';
}
