import type { ProjectRole } from './roles.js';
import type { SearchLanguage } from './search.js';

export interface ProjectSettings {
  /** Supervisors may edit transcript text only when the owner allows it. */
  supervisorCanEditText: boolean;
  /** Coders see only their own codings until the owner reveals all. */
  blindCoding: boolean;
  /** PostgreSQL text-search configuration for full-text search (stemming): `norwegian` unless set. */
  searchLanguage: SearchLanguage;
}

export interface ProjectSummary {
  id: string;
  name: string;
  description: string;
  /** The caller's role in the project. */
  role: ProjectRole;
}

export interface Project extends ProjectSummary {
  settings: ProjectSettings;
  createdAt: string;
}

export interface CreateProjectRequest {
  name: string;
  description?: string;
}

export interface UpdateProjectRequest {
  name?: string;
  description?: string;
  settings?: Partial<ProjectSettings>;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
}

/**
 * POST /api/projects/:projectId/members: with `email` it invites (202, like
 * POST …/invitations); with `userId` it adds someone who already shares a
 * project with the owner (201), never as owner (ownership needs acceptance).
 */
export interface AddMemberRequest {
  email?: string;
  userId?: string;
  role: ProjectRole;
}

/** POST /api/projects/:projectId/invitations: 202 whether or not the address has an account. */
export interface InviteRequest {
  email: string;
  role: ProjectRole;
}

/** GET /api/invitations: one of the caller's pending invitations. */
export interface Invitation {
  id: string;
  projectId: string;
  projectName: string;
  role: ProjectRole;
  invitedBy: { id: string | null; name: string | null };
  createdAt: string;
}

export interface UpdateMemberRequest {
  role: ProjectRole;
}
