import type {
  RefiCase,
  RefiCode,
  RefiCodebook,
  RefiCoding,
  RefiMedia,
  RefiNote,
  RefiOtherSource,
  RefiProject,
  RefiSet,
  RefiSource,
  RefiTextSelection,
  RefiTextSource,
  RefiVariable,
  RefiVariableValue,
  VariableType,
} from './model.js';
import {
  attr,
  child,
  children,
  childText,
  nameOf,
  parseXml,
  RefiFormatError,
  textOf,
  type XmlElement,
} from './parse-xml.js';

/**
 * Reads QDA-XML leniently (docs/refi-qda.md): any namespace or none, ids as
 * written (the importer maps them), missing dates and empty lists, and
 * elements in any order. What does not parse as a number is left out of
 * the model rather than failing the whole file.
 */
export function readProject(xml: string): RefiProject {
  const root = parseXml(xml);
  if (nameOf(root) !== 'Project') {
    throw new RefiFormatError(`the XML's root element is <${nameOf(root)}>, not a REFI-QDA <Project>`);
  }
  const codeBook = child(root, 'CodeBook');
  return {
    name: attr(root, 'name') ?? 'Imported project',
    origin: attr(root, 'origin'),
    description: childText(root, 'Description'),
    creationDateTime: attr(root, 'creationDateTime'),
    users: list(root, 'Users', 'User').map((u) => ({ guid: attr(u, 'guid') ?? '', name: attr(u, 'name') })),
    codes: codeBook ? readCodes(child(codeBook, 'Codes')) : [],
    variables: list(root, 'Variables', 'Variable').map(readVariable),
    cases: list(root, 'Cases', 'Case').map(readCase),
    sources: children(child(root, 'Sources') ?? root, undefined).flatMap(readSource),
    notes: list(root, 'Notes', 'Note').map(readNote),
    links: list(root, 'Links', 'Link').map((l) => ({
      guid: attr(l, 'guid') ?? '',
      name: attr(l, 'name'),
      originGuid: attr(l, 'originGUID'),
      targetGuid: attr(l, 'targetGUID'),
    })),
    sets: list(root, 'Sets', 'Set').map(readSet),
    noteRefs: refs(root, 'NoteRef'),
    graphs: list(root, 'Graphs', 'Graph').map((g) => ({ guid: attr(g, 'guid') ?? '', name: attr(g, 'name') })),
  };
}

/** Reads a stand-alone codebook (`.qdc`), or the codebook of a whole project file. */
export function readCodebook(xml: string): RefiCodebook {
  const root = parseXml(xml);
  if (nameOf(root) === 'Project') {
    const project = readProject(xml);
    return { origin: project.origin, codes: project.codes, sets: project.sets };
  }
  if (nameOf(root) !== 'CodeBook') {
    throw new RefiFormatError(`the XML's root element is <${nameOf(root)}>, not a REFI-QDA <CodeBook>`);
  }
  return {
    origin: attr(root, 'origin'),
    codes: readCodes(child(root, 'Codes')),
    sets: list(root, 'Sets', 'Set').map(readSet),
  };
}

const list = (root: XmlElement, container: string, item: string): XmlElement[] => {
  const parent = child(root, container);
  return parent ? children(parent, item) : [];
};

const refs = (element: XmlElement, localName: string, attribute = 'targetGUID'): string[] =>
  children(element, localName).flatMap((r) => attr(r, attribute) ?? []);

function readCodes(codes: XmlElement | undefined): RefiCode[] {
  return codes ? children(codes, 'Code').map(readCode) : [];
}

function readCode(element: XmlElement): RefiCode {
  return {
    guid: attr(element, 'guid') ?? '',
    name: attr(element, 'name') ?? '',
    // The schema requires it; a file without it means a code one can use.
    isCodable: attr(element, 'isCodable') !== 'false' && attr(element, 'isCodable') !== '0',
    color: attr(element, 'color'),
    description: childText(element, 'Description'),
    noteRefs: refs(element, 'NoteRef'),
    children: children(element, 'Code').map(readCode),
  };
}

const VARIABLE_TYPES: readonly VariableType[] = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'];

function readVariable(element: XmlElement): RefiVariable {
  const type = attr(element, 'typeOfVariable');
  return {
    guid: attr(element, 'guid') ?? '',
    name: attr(element, 'name') ?? '',
    type: VARIABLE_TYPES.find((t) => t === type) ?? 'Text',
    description: childText(element, 'Description'),
  };
}

function readValues(element: XmlElement): RefiVariableValue[] {
  return children(element, 'VariableValue').flatMap((v) => {
    const variableGuid = attr(child(v, 'VariableRef') ?? v, 'targetGUID');
    const valueElement = children(v).find((c) => nameOf(c) !== 'VariableRef');
    const value = valueElement ? textOf(valueElement) : undefined;
    return variableGuid && value !== undefined ? [{ variableGuid, value }] : [];
  });
}

function readCase(element: XmlElement): RefiCase {
  return {
    guid: attr(element, 'guid') ?? '',
    name: attr(element, 'name'),
    description: childText(element, 'Description'),
    values: readValues(element),
    sourceRefs: refs(element, 'SourceRef'),
  };
}

function readSet(element: XmlElement): RefiSet {
  return {
    guid: attr(element, 'guid') ?? '',
    name: attr(element, 'name') ?? '',
    description: childText(element, 'Description'),
    // A codebook's MemberCode names its code in `guid`, a project's in `targetGUID`.
    memberCodes: children(element, 'MemberCode').flatMap((m) => attr(m, 'targetGUID') ?? attr(m, 'guid') ?? []),
    memberSources: refs(element, 'MemberSource'),
    memberNotes: refs(element, 'MemberNote'),
  };
}

function readCoding(element: XmlElement): RefiCoding | undefined {
  const codeGuid = attr(child(element, 'CodeRef') ?? element, 'targetGUID');
  if (!codeGuid) return undefined;
  return {
    guid: attr(element, 'guid') ?? '',
    codeGuid,
    creatingUser: attr(element, 'creatingUser'),
    creationDateTime: attr(element, 'creationDateTime'),
  };
}

const readCodings = (element: XmlElement): RefiCoding[] =>
  children(element, 'Coding').flatMap((c) => readCoding(c) ?? []);

function readInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[+-]?\d+\s*$/u.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

function readSelection(element: XmlElement): RefiTextSelection | undefined {
  const start = readInteger(attr(element, 'startPosition'));
  const end = readInteger(attr(element, 'endPosition'));
  if (start === undefined || end === undefined) return undefined;
  return {
    guid: attr(element, 'guid') ?? '',
    name: attr(element, 'name'),
    start,
    end,
    description: childText(element, 'Description'),
    codings: readCodings(element),
    noteRefs: refs(element, 'NoteRef'),
    creatingUser: attr(element, 'creatingUser'),
    creationDateTime: attr(element, 'creationDateTime'),
  };
}

function readTextSource(element: XmlElement): RefiTextSource {
  return {
    kind: 'text',
    guid: attr(element, 'guid') ?? '',
    name: attr(element, 'name'),
    description: childText(element, 'Description'),
    plainTextPath: attr(element, 'plainTextPath'),
    plainTextContent: childText(element, 'PlainTextContent'),
    selections: children(element, 'PlainTextSelection').flatMap((s) => readSelection(s) ?? []),
    codings: readCodings(element),
    noteRefs: refs(element, 'NoteRef'),
    values: readValues(element),
    creatingUser: attr(element, 'creatingUser'),
    creationDateTime: attr(element, 'creationDateTime'),
  };
}

const OTHER_SOURCES: Partial<Record<string, RefiOtherSource['kind']>> = {
  PictureSource: 'picture',
  PDFSource: 'pdf',
  AudioSource: 'audio',
  VideoSource: 'video',
};

/** Every selection and coding anywhere inside an element (for what a skipped source held). */
function countInside(element: XmlElement): { selections: number; codings: number } {
  let selections = 0;
  let codings = 0;
  for (const c of children(element)) {
    const name = nameOf(c);
    if (name.endsWith('Selection')) selections++;
    if (name === 'Coding') codings++;
    const inner = countInside(c);
    selections += inner.selections;
    codings += inner.codings;
  }
  return { selections, codings };
}

/**
 * An audio or video source's transcripts as text sources, the media noted on
 * each. A transcript's selections lie between sync points: their places are
 * the selection's offsets (a selection whose points are missing is left
 * out). The first transcript stands for the source (its guid, so cases and
 * sets still find it, its name, codings, notes and values); further ones
 * (ATLAS.ti writes one per track) are named after themselves.
 */
function readTranscripts(element: XmlElement, kind: 'audio' | 'video'): RefiTextSource[] {
  return children(element, 'Transcript').map((transcript, i) => {
    const syncPoints = children(transcript, 'SyncPoint').flatMap((p) => {
      const position = readInteger(attr(p, 'position'));
      return position === undefined
        ? []
        : [{ guid: attr(p, 'guid') ?? '', position, timeStamp: readInteger(attr(p, 'timeStamp')) }];
    });
    const places = new Map(syncPoints.map((p) => [p.guid.toLowerCase(), p.position]));
    const selections = children(transcript, 'TranscriptSelection').flatMap((s): RefiTextSelection[] => {
      const start = places.get((attr(s, 'fromSyncPoint') ?? '').toLowerCase());
      const end = places.get((attr(s, 'toSyncPoint') ?? '').toLowerCase());
      if (start === undefined || end === undefined) return [];
      return [
        {
          guid: attr(s, 'guid') ?? '',
          name: attr(s, 'name'),
          start,
          end,
          description: childText(s, 'Description'),
          codings: readCodings(s),
          noteRefs: refs(s, 'NoteRef'),
          creatingUser: attr(s, 'creatingUser'),
          creationDateTime: attr(s, 'creationDateTime'),
        },
      ];
    });
    const media: RefiMedia = {
      kind,
      path: attr(element, 'path'),
      transcriptGuid: attr(transcript, 'guid') ?? '',
      transcriptName: attr(transcript, 'name'),
      syncPoints,
    };
    const first = i === 0;
    return {
      kind: 'text',
      media,
      guid: first ? (attr(element, 'guid') ?? '') : media.transcriptGuid,
      name: first ? (attr(element, 'name') ?? media.transcriptName) : (media.transcriptName ?? attr(element, 'name')),
      description: first ? childText(element, 'Description') : childText(transcript, 'Description'),
      plainTextPath: attr(transcript, 'plainTextPath'),
      plainTextContent: childText(transcript, 'PlainTextContent'),
      selections,
      codings: first ? readCodings(element) : [],
      noteRefs: [...(first ? refs(element, 'NoteRef') : []), ...refs(transcript, 'NoteRef')],
      values: first ? readValues(element) : [],
      creatingUser: attr(transcript, 'creatingUser'),
      creationDateTime: attr(transcript, 'creationDateTime'),
    };
  });
}

/** The selections and codings of the media itself (time spans), which no transcript carries. */
function countMedia(element: XmlElement): { selections: number; codings: number } {
  const spans = children(element).filter((c) => /^(Audio|Video)Selection$/u.test(nameOf(c)));
  const codings = spans.reduce((n, span) => n + children(span, 'Coding').length, 0);
  // Without a transcript, codings of the whole source are lost with it too.
  const whole = children(element, 'Transcript').length === 0 ? children(element, 'Coding').length : 0;
  return { selections: spans.length, codings: codings + whole };
}

function readSource(element: XmlElement): RefiSource[] {
  const name = nameOf(element);
  if (name === 'TextSource') return [readTextSource(element)];
  const kind = OTHER_SOURCES[name];
  if (!kind) return [];
  const other = { kind, guid: attr(element, 'guid') ?? '', name: attr(element, 'name') };
  if (kind === 'audio')
    // The audio is not imported (the summary says so); its transcripts are texts like any other.
    // (A video's transcripts are not read yet: ATLAS.ti writes one per track, whose offsets are unchecked.)
    return [...readTranscripts(element, kind), { ...other, ...countMedia(element) }];
  return [{ ...other, ...countInside(element) }];
}

function readNote(element: XmlElement): RefiNote {
  return {
    guid: attr(element, 'guid') ?? '',
    name: attr(element, 'name'),
    description: childText(element, 'Description'),
    plainTextContent: childText(element, 'PlainTextContent'),
    plainTextPath: attr(element, 'plainTextPath'),
    creatingUser: attr(element, 'creatingUser'),
    creationDateTime: attr(element, 'creationDateTime'),
  };
}
