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

export interface AddMemberRequest {
  email: string;
  role: ProjectRole;
}

export interface UpdateMemberRequest {
  role: ProjectRole;
}
