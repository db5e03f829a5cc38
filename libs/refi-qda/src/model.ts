/**
 * A REFI-QDA project as this library reads and writes it: the parts of
 * QDA-XML 1.0 (Project-mrt2019.xsd) that Tolk models, plus enough of the
 * rest to say what an import leaves out. Ids are the file's own strings
 * (GUIDs in any case, with or without braces, or not GUIDs at all).
 */

export type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';

export interface RefiUser {
  guid: string;
  name?: string;
}

export interface RefiCode {
  guid: string;
  name: string;
  isCodable: boolean;
  /** `#RRGGBB` (or `#RGB`) as written. */
  color?: string;
  description?: string;
  noteRefs: string[];
  children: RefiCode[];
}

export interface RefiVariable {
  guid: string;
  name: string;
  type: VariableType;
  description?: string;
}

export interface RefiVariableValue {
  variableGuid: string;
  /** The value as text, whatever its type. */
  value: string;
}

export interface RefiCase {
  guid: string;
  name?: string;
  description?: string;
  values: RefiVariableValue[];
  sourceRefs: string[];
}

export interface RefiCoding {
  guid: string;
  codeGuid: string;
  creatingUser?: string;
  creationDateTime?: string;
}

export interface RefiTextSelection {
  guid: string;
  name?: string;
  start: number;
  end: number;
  description?: string;
  codings: RefiCoding[];
  noteRefs: string[];
  creatingUser?: string;
  creationDateTime?: string;
}

/** A time point of a transcript: where the media stands (`timeStamp`, ms) at a place of its text (`position`). */
export interface RefiSyncPoint {
  guid: string;
  /** Milliseconds from the start of the media, as the standard says; absent on a point that only marks a place. */
  timeStamp?: number;
  /** Code points into the transcript's text, like a selection's offsets. */
  position: number;
}

/**
 * The media a transcript belongs to: a text source with this is written as an
 * `AudioSource` (its text a `Transcript` with `SyncPoint`s, its selections
 * `TranscriptSelection`s between sync points), and an audio or video
 * source's transcript is read back as a text source with this.
 */
export interface RefiMedia {
  kind: 'audio' | 'video';
  /** `internal://<guid>.<ext>` for a file in `sources/`, or as another tool wrote it. */
  path?: string;
  transcriptGuid: string;
  transcriptName?: string;
  syncPoints: RefiSyncPoint[];
}

export interface RefiTextSource {
  kind: 'text';
  /** Set when the text is the transcript of an audio (or video) source. */
  media?: RefiMedia;
  guid: string;
  name?: string;
  description?: string;
  plainTextPath?: string;
  plainTextContent?: string;
  selections: RefiTextSelection[];
  /** Codings of the whole source. */
  codings: RefiCoding[];
  noteRefs: string[];
  values: RefiVariableValue[];
  creatingUser?: string;
  creationDateTime?: string;
}

/** A picture, PDF, audio or video source: Tolk does not model these; they are counted for the summary. */
export interface RefiOtherSource {
  kind: 'picture' | 'pdf' | 'audio' | 'video';
  guid: string;
  name?: string;
  /** Selections of every kind inside it (regions, time spans, text of a PDF's representation). */
  selections: number;
  codings: number;
}

export type RefiSource = RefiTextSource | RefiOtherSource;

export interface RefiNote {
  guid: string;
  name?: string;
  description?: string;
  plainTextContent?: string;
  plainTextPath?: string;
  creatingUser?: string;
  creationDateTime?: string;
}

export interface RefiLink {
  guid: string;
  name?: string;
  originGuid?: string;
  targetGuid?: string;
}

export interface RefiSet {
  guid: string;
  name: string;
  description?: string;
  memberCodes: string[];
  memberSources: string[];
  memberNotes: string[];
}

export interface RefiProject {
  name: string;
  origin?: string;
  description?: string;
  creationDateTime?: string;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sources: RefiSource[];
  notes: RefiNote[];
  links: RefiLink[];
  sets: RefiSet[];
  /** Notes about the project as a whole. */
  noteRefs: string[];
  /** Graphs (network views) in the file; Tolk does not model them. */
  graphs: { guid: string; name?: string }[];
}

export interface RefiCodebook {
  origin?: string;
  codes: RefiCode[];
  sets: RefiSet[];
}
