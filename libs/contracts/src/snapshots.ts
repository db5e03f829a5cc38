import type { Code } from './codebook.js';
import type { Coding } from './codings.js';
import type { CommentThread } from './comments.js';
import type { DocumentAttributes } from './documents.js';

/** Why a snapshot was taken. */
export type SnapshotKind = 'manual' | 'deadline' | 'before-restore';

/** A snapshot as listed (docs/api.md, "Snapshots and deadlines"). */
export interface SnapshotSummary {
  id: string;
  name: string;
  /** When it was actually taken. */
  createdAt: string;
  /** Who took it (null for a deadline's, or a user since erased). */
  createdBy: string | null;
  createdByName: string | null;
  kind: SnapshotKind;
  /** For a deadline's snapshot: the deadline and the time it was due (`createdAt` may be later, after downtime). */
  deadlineId: string | null;
  dueAt: string | null;
}

export interface SnapshotDocumentSummary {
  id: string;
  title: string;
  attributes: DocumentAttributes;
  length: number;
  erased?: false;
}

/**
 * A transcript erased from the snapshot on withdrawn consent
 * (POST /api/documents/:id/erase): the snapshot keeps only that it was there,
 * when and why it went, and who erased it. No title, text, codings or comments.
 */
export interface ErasedSnapshotDocument {
  id: string;
  title: null;
  erased: true;
  erasedAt: string;
  reason: string;
  /** The owner who erased it (`name` null once that account is erased). */
  erasedBy: { id: string; name: string | null } | null;
}

/** POST /api/documents/:documentId/erase. */
export interface EraseDocumentRequest {
  /** Why, in the owner's words (shown in every snapshot's tombstone): "samtykke trukket". */
  reason: string;
}

/** GET /api/snapshots/:id: what the snapshot holds, without the texts. */
export interface Snapshot extends SnapshotSummary {
  projectId: string;
  /** In their order; an erased one is a tombstone. */
  documents: (SnapshotDocumentSummary | ErasedSnapshotDocument)[];
  /** The codebook as it was (retired codes left out). */
  codes: Code[];
}

/** GET /api/snapshots/:id/documents/:documentId: one document exactly as at the snapshot. */
export interface SnapshotDocument {
  id: string;
  title: string;
  attributes: DocumentAttributes;
  text: string;
  codings: Coding[];
  /** Threads, as GET comments gives them. */
  comments: CommentThread[];
}

export interface CreateSnapshotRequest {
  name: string;
}

/** One run of a word-level text diff: kept, inserted (only in the later state) or deleted (only in the earlier). */
export interface TextDiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A coding in both states whose code or segment differs; `before` is the snapshot's version. */
export type ChangedCoding = Coding & { before: Coding; changes: ('recoded' | 'moved')[] };
export type ChangedCode = Code & { before: Code };

export interface DocumentDiff {
  documentId: string;
  title: string;
  /** `added`: only in the later state; `removed`: only in the snapshot. */
  status: 'added' | 'removed' | 'present';
  textChanged: boolean;
  /** Word-level diff from the snapshot's text to the other state's; empty when the text is equal. */
  textDiff: TextDiffPart[];
  codingsAdded: Coding[];
  codingsRemoved: Coding[];
  codingsChanged: ChangedCoding[];
}

/** GET /api/snapshots/:id/diff?against=…: from this snapshot (before) to `against` (after). */
export interface SnapshotDiff {
  from: { snapshotId: string; name: string; asOf: string };
  to: { snapshotId: string | null; name: string; asOf: string };
  documents: DocumentDiff[];
  codes: { added: Code[]; removed: Code[]; changed: ChangedCode[] };
}

/** POST /api/snapshots/:id/restore: what the restore did. */
export interface RestoreResult {
  /** The snapshot of the state just before the restore. */
  before: SnapshotSummary;
  documentsChanged: number;
  /** Documents in the snapshot that no longer exist (not brought back). */
  documentsMissing: string[];
  codingsRestored: number;
  codingsRemoved: number;
  codesChanged: number;
}

/** A thesis deadline: at `dueAt` the server takes a snapshot named after it. */
export interface Deadline {
  id: string;
  name: string;
  dueAt: string;
  /** The snapshot taken at the deadline, once taken. */
  snapshotId: string | null;
  /** When the snapshot was actually taken (later than `dueAt` when the server was down). */
  takenAt: string | null;
  createdBy: string | null;
}

export interface CreateDeadlineRequest {
  name: string;
  /** ISO 8601 with offset, e.g. `2026-05-15T12:00:00+02:00`. */
  dueAt: string;
}
