import type {
  RefiCase,
  RefiCode,
  RefiCodebook,
  RefiCoding,
  RefiMedia,
  RefiNote,
  RefiProject,
  RefiTextSelection,
  RefiTextSource,
  RefiVariableValue,
} from './model.js';
import { element, serialise, textElement, type XmlNodeOut } from './xml-writer.js';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** `#RRGGBB` only: libxml2 lets `#RRGGBBAA` through the schema's pattern, other readers do not. */
export const isExportColour = (color: string | undefined): color is string =>
  color !== undefined && /^#[0-9A-Fa-f]{6}$/u.test(color);

const description = (text: string | undefined) => (text ? textElement('Description', text) : undefined);
const refs = (name: string, targets: string[]) => targets.map((targetGUID) => element(name, { targetGUID }));
/** A list element only when it has items: the schema wants at least one inside. */
const listOf = (name: string, items: XmlNodeOut[]) => (items.length > 0 ? element(name, {}, items) : undefined);

function codeElement(code: RefiCode, withNotes: boolean): XmlNodeOut {
  return element(
    'Code',
    {
      guid: code.guid,
      name: code.name,
      isCodable: code.isCodable,
      color: isExportColour(code.color) ? code.color : undefined,
    },
    [
      description(code.description),
      ...(withNotes ? refs('NoteRef', code.noteRefs) : []),
      ...code.children.map((c) => codeElement(c, withNotes)),
    ],
  );
}

const valueElements = (values: RefiVariableValue[]) =>
  values.map((v) =>
    element('VariableValue', {}, [
      element('VariableRef', { targetGUID: v.variableGuid }),
      textElement('TextValue', v.value),
    ]),
  );

const codingElement = (coding: RefiCoding) =>
  element(
    'Coding',
    { guid: coding.guid, creatingUser: coding.creatingUser, creationDateTime: coding.creationDateTime },
    [element('CodeRef', { targetGUID: coding.codeGuid })],
  );

const selectionElement = (s: RefiTextSelection) =>
  element(
    'PlainTextSelection',
    {
      guid: s.guid,
      name: s.name,
      startPosition: s.start,
      endPosition: s.end,
      creatingUser: s.creatingUser,
      creationDateTime: s.creationDateTime,
    },
    [description(s.description), ...s.codings.map(codingElement), ...refs('NoteRef', s.noteRefs)],
  );

/**
 * A transcript's selection between two sync points (the standard has no
 * character offsets there): every start and end has a point at its place.
 */
function transcriptSelectionElement(s: RefiTextSelection, media: RefiMedia): XmlNodeOut {
  const at = (position: number) => {
    const point = media.syncPoints.find((p) => p.position === position);
    if (!point) throw new RangeError(`no sync point at ${position} for selection ${s.guid}`);
    return point.guid;
  };
  return element(
    'TranscriptSelection',
    {
      guid: s.guid,
      name: s.name,
      fromSyncPoint: at(s.start),
      toSyncPoint: at(s.end),
      creatingUser: s.creatingUser,
      creationDateTime: s.creationDateTime,
    },
    [description(s.description), ...s.codings.map(codingElement), ...refs('NoteRef', s.noteRefs)],
  );
}

/** A text with its recording: an `AudioSource` whose `Transcript` is the text, its sync points in order of place. */
const mediaSourceElement = (s: RefiTextSource, media: RefiMedia) =>
  element(
    media.kind === 'audio' ? 'AudioSource' : 'VideoSource',
    {
      guid: s.guid,
      name: s.name,
      path: media.path,
      creatingUser: s.creatingUser,
      creationDateTime: s.creationDateTime,
    },
    [
      description(s.description),
      element(
        'Transcript',
        {
          guid: media.transcriptGuid,
          name: media.transcriptName,
          plainTextPath: s.plainTextPath,
          creationDateTime: s.creationDateTime,
        },
        [
          s.plainTextContent !== undefined ? textElement('PlainTextContent', s.plainTextContent) : undefined,
          ...[...media.syncPoints]
            .sort((a, b) => a.position - b.position)
            .map((p) => element('SyncPoint', { guid: p.guid, timeStamp: p.timeStamp, position: p.position })),
          ...s.selections.map((selection) => transcriptSelectionElement(selection, media)),
        ],
      ),
      ...s.codings.map(codingElement),
      ...refs('NoteRef', s.noteRefs),
      ...valueElements(s.values),
    ],
  );

const sourceElement = (s: RefiTextSource) =>
  s.media
    ? mediaSourceElement(s, s.media)
    : element(
        'TextSource',
        {
          guid: s.guid,
          name: s.name,
          plainTextPath: s.plainTextPath,
          creatingUser: s.creatingUser,
          creationDateTime: s.creationDateTime,
        },
        [
          description(s.description),
          s.plainTextContent !== undefined ? textElement('PlainTextContent', s.plainTextContent) : undefined,
          ...s.selections.map(selectionElement),
          ...s.codings.map(codingElement),
          ...refs('NoteRef', s.noteRefs),
          ...valueElements(s.values),
        ],
      );

const noteElement = (n: RefiNote) =>
  element('Note', { guid: n.guid, name: n.name, creatingUser: n.creatingUser, creationDateTime: n.creationDateTime }, [
    description(n.description),
    textElement('PlainTextContent', n.plainTextContent ?? ''),
  ]);

const caseElement = (c: RefiCase) =>
  element('Case', { guid: c.guid, name: c.name }, [
    description(c.description),
    ...valueElements(c.values),
    ...refs('SourceRef', c.sourceRefs),
  ]);

/**
 * QDA-XML for a project, children in the schema's order. Writes the parts
 * Tolk exports: users, codebook, variables and cases, text sources with
 * selections and codings, notes and note references. Never a `basePath`.
 */
export function writeProject(project: RefiProject): string {
  const textSources = project.sources.filter((s): s is RefiTextSource => s.kind === 'text');
  return serialise(
    element(
      'Project',
      {
        xmlns: PROJECT_NAMESPACE,
        name: project.name,
        origin: project.origin,
        creationDateTime: project.creationDateTime,
      },
      [
        listOf(
          'Users',
          project.users.map((u) => element('User', { guid: u.guid, name: u.name })),
        ),
        project.codes.length > 0
          ? element('CodeBook', {}, [
              element(
                'Codes',
                {},
                project.codes.map((c) => codeElement(c, true)),
              ),
            ])
          : undefined,
        listOf(
          'Variables',
          project.variables.map((v) =>
            element('Variable', { guid: v.guid, name: v.name, typeOfVariable: v.type }, [description(v.description)]),
          ),
        ),
        listOf('Cases', project.cases.map(caseElement)),
        listOf('Sources', textSources.map(sourceElement)),
        listOf('Notes', project.notes.map(noteElement)),
        description(project.description),
        ...refs('NoteRef', project.noteRefs),
      ],
    ),
  );
}

/**
 * A stand-alone codebook (`.qdc`), valid against Codebook-mrt2019.xsd.
 * @throws RangeError for an empty codebook: the schema requires one code at least.
 */
export function writeCodebook(codebook: RefiCodebook): string {
  if (codebook.codes.length === 0) throw new RangeError('the codebook has no codes');
  return serialise(
    element('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin: codebook.origin }, [
      element(
        'Codes',
        {},
        codebook.codes.map((c) => codeElement(c, false)),
      ),
    ]),
  );
}
