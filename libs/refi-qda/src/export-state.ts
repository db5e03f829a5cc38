import { type Code, type Comment, type ProjectState, type ProjectStateMemo, textTimestamps } from '@tolk/contracts';
import type {
  RefiCode,
  RefiCodebook,
  RefiMedia,
  RefiNote,
  RefiProject,
  RefiSyncPoint,
  RefiTextSelection,
  RefiTextSource,
} from './model.js';
import { exportText } from './offsets.js';

/** A file beside `project.qde` in the archive, its path relative to the archive root. */
export interface ExportFile {
  path: string;
  text: string;
}

/**
 * A transcript's recording to export with it: the file the caller puts in
 * `sources/` as `internal://<fileName>` (e.g. `<recording id>.mp3`).
 */
export interface ExportRecording {
  fileName: string;
}

export interface ProjectExport {
  project: RefiProject;
  /** `sources/<guid>.txt`: each document's text, UTF-8 with LF line ends. */
  files: ExportFile[];
}

/** Names Tolk gives its notes, so that a later import tells memos from comments. */
export const MEMO_NOTE_NAME = 'Memo';
export const COMMENT_NOTE_PREFIX = 'Comment';

/** How many characters of a selection's text its `name` shows (other importers check offsets with it). */
const NAME_LENGTH = 80;

function selectionName(quote: string): string {
  const characters = Array.from(quote.replace(/\s+/gu, ' ').trim());
  return characters.length > NAME_LENGTH ? `${characters.slice(0, NAME_LENGTH).join('')}…` : characters.join('');
}

/** The codebook as nested codes, children in the state's order. */
export function codeTree(codes: Code[], noteRefs: Map<string, string[]> = new Map()): RefiCode[] {
  const byParent = new Map<string | null, Code[]>();
  const ids = new Set(codes.map((c) => c.id));
  for (const code of codes) {
    const parent = code.parentId !== null && ids.has(code.parentId) ? code.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), code]);
  }
  const build = (parent: string | null): RefiCode[] =>
    (byParent.get(parent) ?? []).map((code) => ({
      guid: code.id,
      name: code.name,
      isCodable: true,
      color: code.color,
      description: code.description || undefined,
      noteRefs: noteRefs.get(code.id) ?? [],
      children: build(code.id),
    }));
  return build(null);
}

export function codebookOf(state: ProjectState, origin: string): RefiCodebook {
  return { origin, codes: codeTree(state.codes), sets: [] };
}

/**
 * A project state (now, or a snapshot) as a REFI-QDA project: users, the
 * code tree with colours and descriptions, one text source per document
 * with its text in `sources/`, one selection per coded segment (codings of
 * the same words share it), comments as notes on their own selections
 * (a thread: the root's note, then the replies'), memos as notes named
 * `Memo` on the project, code or source, or on a selection of a segment
 * memo's words, attributes as Variables with one Case per
 * document. Offsets in code points of the exported (LF) text.
 *
 * `newGuid` names what has no Tolk id (selections, cases, variables, memos).
 */
export function exportProject(
  state: ProjectState,
  origin: string,
  newGuid: () => string,
  recordings: ReadonlyMap<string, ExportRecording> = new Map(),
): ProjectExport {
  const userIds = new Set(state.users.map((u) => u.id));
  const user = (id: string | null | undefined) => (id && userIds.has(id) ? id : undefined);
  const notes: RefiNote[] = [];
  const memoRefs = new Map<string, string[]>();
  const projectNoteRefs: string[] = [];
  /** Segment memos by document: a note on a selection of their words. */
  const segmentMemos = new Map<string, { guid: string; start: number; end: number; memo: ProjectStateMemo }[]>();

  for (const memo of state.memos) {
    if (!memo.body.trim()) continue;
    const guid = newGuid();
    notes.push({
      guid,
      name: MEMO_NOTE_NAME,
      plainTextContent: memo.body,
      creatingUser: user(memo.updatedBy?.id),
      creationDateTime: memo.updatedAt ?? undefined,
    });
    if (memo.scope === 'project') projectNoteRefs.push(guid);
    else if (memo.scope === 'segment' && memo.start !== undefined && memo.end !== undefined && memo.end > memo.start)
      segmentMemos.set(memo.targetId, [
        ...(segmentMemos.get(memo.targetId) ?? []),
        { guid, start: memo.start, end: memo.end, memo },
      ]);
    // A segment memo whose words are gone stays with its document.
    else memoRefs.set(memo.targetId, [...(memoRefs.get(memo.targetId) ?? []), guid]);
  }

  const codeIds = new Set(state.codes.map((c) => c.id));
  const variableGuids = new Map<string, string>();
  for (const document of state.documents) {
    for (const name of Object.keys(document.attributes))
      if (!variableGuids.has(name)) variableGuids.set(name, newGuid());
  }

  const files: ExportFile[] = [];
  const sources: RefiTextSource[] = state.documents.map((document) => {
    const { text, toCodePoint } = exportText(document.text);
    const path = `sources/${document.id}.txt`;
    files.push({ path, text });
    const selections = new Map<string, RefiTextSelection>();
    const selectionAt = (start: number, end: number, key: string, creatingUser?: string, creationDateTime?: string) => {
      const existing = selections.get(key);
      if (existing) return existing;
      const created: RefiTextSelection = {
        guid: newGuid(),
        name: selectionName(document.text.slice(start, end)),
        start: toCodePoint(start),
        end: toCodePoint(end),
        codings: [],
        noteRefs: [],
        creatingUser,
        creationDateTime,
      };
      selections.set(key, created);
      return created;
    };

    for (const coding of state.codings) {
      if (
        coding.documentId !== document.id ||
        coding.textDeleted ||
        coding.end <= coding.start ||
        !codeIds.has(coding.codeId)
      )
        continue;
      const selection = selectionAt(
        coding.start,
        coding.end,
        `coding:${coding.start}:${coding.end}`,
        user(coding.createdBy),
        coding.createdAt,
      );
      selection.codings.push({
        guid: coding.id,
        codeGuid: coding.codeId,
        creatingUser: user(coding.createdBy),
        creationDateTime: coding.createdAt,
      });
    }

    for (const { guid, start, end, memo } of segmentMemos.get(document.id) ?? [])
      selectionAt(start, end, `memo:${guid}`, user(memo.updatedBy?.id), memo.updatedAt ?? undefined).noteRefs.push(
        guid,
      );

    const sourceNoteRefs = [...(memoRefs.get(document.id) ?? [])];
    const comments = state.comments.filter((c) => c.documentId === document.id);
    const repliesOf = (root: Comment) =>
      comments.filter((c) => c.parentId === root.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const root of comments.filter((c) => c.parentId === null)) {
      const thread = [root, ...repliesOf(root)];
      for (const comment of thread) {
        notes.push({
          guid: comment.id,
          name: `${COMMENT_NOTE_PREFIX}${comment.author.name ? ` by ${comment.author.name}` : ''}`,
          plainTextContent: comment.body,
          creatingUser: user(comment.author.id),
          creationDateTime: comment.createdAt,
        });
      }
      const anchored = root.start !== null && root.end !== null && root.end > root.start && !root.textDeleted;
      const refs = thread.map((c) => c.id);
      if (anchored)
        selectionAt(root.start!, root.end!, `comment:${root.id}`, user(root.author.id), root.createdAt).noteRefs.push(
          ...refs,
        );
      else sourceNoteRefs.push(...refs);
    }

    const sorted = [...selections.values()].sort((a, b) => a.start - b.start || a.end - b.end);
    const recording = recordings.get(document.id);
    return {
      kind: 'text',
      media: recording && mediaOf(document.text, document.title, recording, sorted, toCodePoint, newGuid),
      guid: document.id,
      name: document.title,
      plainTextPath: `internal://${document.id}.txt`,
      creationDateTime: document.createdAt,
      selections: sorted,
      codings: [],
      noteRefs: sourceNoteRefs,
      values: [],
    };
  });

  const cases = state.documents
    .filter((d) => Object.keys(d.attributes).length > 0)
    .map((document) => ({
      guid: newGuid(),
      name: document.title,
      values: Object.entries(document.attributes).map(([name, value]) => ({
        variableGuid: variableGuids.get(name)!,
        value,
      })),
      sourceRefs: [document.id],
    }));

  return {
    project: {
      name: state.snapshot ? `${state.project.name} (${state.snapshot.name})` : state.project.name,
      origin,
      description: state.project.description || undefined,
      creationDateTime: state.asOf,
      users: state.users.map((u) => ({ guid: u.id, name: u.name })),
      codes: codeTree(state.codes, memoRefs),
      variables: [...variableGuids].map(([name, guid]) => ({ guid, name, type: 'Text' as const })),
      cases,
      sources,
      notes,
      links: [],
      sets: [],
      noteRefs: projectNoteRefs,
      graphs: [],
    },
    files,
  };
}

/**
 * The recording of a transcript as REFI-QDA media: a sync point per
 * `[hh:mm:ss]` mark (its time in milliseconds at the mark's place), and one
 * without a time wherever a selection starts or ends and no mark stands, for
 * `TranscriptSelection`s name their ends by sync point. Places in code points.
 */
function mediaOf(
  text: string,
  title: string,
  recording: ExportRecording,
  selections: readonly RefiTextSelection[],
  toCodePoint: (offset: number) => number,
  newGuid: () => string,
): RefiMedia {
  const syncPoints: RefiSyncPoint[] = textTimestamps(text).map((mark) => ({
    guid: newGuid(),
    timeStamp: mark.ms,
    position: toCodePoint(mark.start),
  }));
  const places = new Set(syncPoints.map((p) => p.position));
  for (const selection of selections)
    for (const position of [selection.start, selection.end])
      if (!places.has(position)) {
        places.add(position);
        syncPoints.push({ guid: newGuid(), position });
      }
  return {
    kind: 'audio',
    path: `internal://${recording.fileName}`,
    transcriptGuid: newGuid(),
    transcriptName: title,
    syncPoints: syncPoints.sort((a, b) => a.position - b.position),
  };
}
