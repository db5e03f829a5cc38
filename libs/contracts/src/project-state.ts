import type { Code } from './codebook.js';
import type { Coding } from './codings.js';
import type { Comment } from './comments.js';
import type { DocumentAttributes } from './documents.js';

/**
 * A project's analysable content at one moment: as it is now, or as frozen
 * in a snapshot. Analysis, the segment and report exports and the REFI-QDA
 * export all read this shape, so each of them works on "now" and on any
 * snapshot alike (the server has one loader for each source).
 */
export interface ProjectState {
  project: { id: string; name: string; description: string };
  /** The instant the state describes. */
  asOf: string;
  /** Set when the state comes from a snapshot. */
  snapshot: { id: string; name: string } | null;
  /** Everyone the state mentions (coders, comment authors, memo editors), members or not. */
  users: ProjectStateUser[];
  /** The codebook, retired codes left out. */
  codes: Code[];
  documents: ProjectStateDocument[];
  /** Every current coding, with offsets and quote resolved against its document's `text`. */
  codings: Coding[];
  /** Every comment (roots and replies), anchors resolved like codings. */
  comments: Comment[];
  memos: ProjectStateMemo[];
}

export interface ProjectStateUser {
  id: string;
  name: string;
  email: string;
}

export interface ProjectStateDocument {
  id: string;
  title: string;
  text: string;
  attributes: DocumentAttributes;
  createdAt: string;
}

export interface ProjectStateMemo {
  /** What the memo is about: the project itself, one code, one document or a segment of one. */
  scope: 'project' | 'code' | 'document' | 'segment';
  /** The code's or document's id (a segment memo's document); the project's id for a project memo. */
  targetId: string;
  body: string;
  updatedAt: string | null;
  updatedBy: { id: string | null; name: string | null } | null;
  /** A segment memo's place in its document's text now (UTF-16, `end` exclusive); absent when its words are gone. */
  start?: number;
  end?: number;
}
