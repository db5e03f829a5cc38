import type { DocumentSummary, Project } from '@tolk/contracts';

/*
 * The socket.io event map (API.md, "Realtime project events"). Kept here
 * until the shared contracts export it; the shapes are the same.
 */

/** One person in a project, and the document they have open (or null). */
export interface PresenceUser {
  userId: string;
  name: string;
  documentId: string | null;
}

export interface PresenceEvent {
  projectId: string;
  users: PresenceUser[];
}

export type JoinAck = { ok: true } | { error: string };

/** Some events name their project; older servers may leave it out. */
type InProject<T> = T & { projectId?: string };

export interface ProjectEventMap {
  presence: PresenceEvent;
  'document:created': InProject<DocumentSummary>;
  'document:updated': InProject<DocumentSummary>;
  'document:deleted': InProject<{ id: string }>;
  /** The project as the REST api returns it, possibly without the caller's role. */
  'project:updated': Omit<Project, 'role'> & { role?: Project['role'] };
  'project:deleted': { id: string };
  'member:changed': { projectId: string; userId: string };
}

export type ProjectEventName = keyof ProjectEventMap;
