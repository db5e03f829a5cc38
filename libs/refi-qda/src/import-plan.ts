import { type ImportSkipped, type ImportSummary, MAX_CODE_NAME_LENGTH, type OffsetUnit } from '@tolk/contracts';
import { flatteningSeparator, rebuildHierarchy } from './code-hierarchy.js';
import type { RefiCode, RefiCodebook, RefiNote, RefiProject, RefiTextSelection, RefiTextSource } from './model.js';
import { type NormalisedText, normaliseSourceText, OFFSET_UNITS } from './offsets.js';
import { fileTitle } from './archive.js';
import { MEMO_NOTE_NAME } from './export-state.js';
import { skip } from './skipped.js';

/** A code to create; `parentKey` names a code earlier in the list. */
export interface PlannedCode {
  key: string;
  /** The file's id for it, normalised (lower case, no braces). */
  guid: string;
  name: string;
  /** `#rrggbb`, or undefined to let Tolk choose. */
  color?: string;
  description: string;
  parentKey: string | null;
  memo?: string;
  /** The name in the file, when it was longer than Tolk keeps and `name` is its shortened form. */
  fullName?: string;
}

export interface PlannedCoding {
  codeKey: string;
  /** UTF-16 offsets in the document's text, `end` exclusive. */
  start: number;
  end: number;
}

/** A comment thread: the first body starts it, the others reply. No offsets: on the whole document. */
export interface PlannedComment {
  start: number | null;
  end: number | null;
  bodies: string[];
}

/** A memo on a segment of the document (UTF-16 offsets, `end` exclusive). */
export interface PlannedSegmentMemo {
  start: number;
  end: number;
  body: string;
}

export interface PlannedDocument {
  title: string;
  text: string;
  attributes: Record<string, string>;
  codings: PlannedCoding[];
  comments: PlannedComment[];
  memo?: string;
  /** Notes named `Memo` on a selection (Tolk's own segment memos). */
  segmentMemos: PlannedSegmentMemo[];
}

export interface ImportPlan {
  name: string;
  description: string;
  codes: PlannedCode[];
  documents: PlannedDocument[];
  projectMemo?: string;
  summary: ImportSummary;
}

export interface PlanLimits {
  /** Longest code name (longer ones are cut). */
  codeName: number;
  /** Longest document title. */
  title: number;
  /** Largest document text, in UTF-8 bytes (larger sources are skipped). */
  textBytes: number;
}

export const DEFAULT_PLAN_LIMITS: PlanLimits = {
  codeName: MAX_CODE_NAME_LENGTH,
  title: 300,
  textBytes: 2 * 1024 * 1024,
};

/** File ids compared the way tools write them differently: braces, case. */
export const normaliseGuid = (guid: string): string =>
  guid
    .trim()
    .replace(/^\{(.*)\}$/u, '$1')
    .toLowerCase();

const clip = (text: string, length: number) =>
  Array.from(text).length > length ? Array.from(text).slice(0, length).join('') : text;

function normaliseColour(color: string | undefined): string | undefined {
  const value = color?.trim() ?? '';
  if (/^#[0-9a-f]{6}$/iu.test(value)) return value.toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/iu.exec(value);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase() : undefined;
}

/**
 * The codes of a file as a list to create, parents first: flattened names
 * rebuilt into a tree, colours as `#rrggbb`, names cut to Tolk's limit and
 * made unique among siblings (case-insensitively, as Tolk requires).
 */
export function planCodes(
  codes: readonly RefiCode[],
  origin?: string,
  limits: PlanLimits = DEFAULT_PLAN_LIMITS,
): PlannedCode[] {
  const separator = flatteningSeparator(codes, origin);
  const tree = separator ? rebuildHierarchy(codes, separator, (path) => `folder:${path}`) : codes;
  const planned: PlannedCode[] = [];
  const visit = (code: RefiCode, parentKey: string | null, siblings: Set<string>) => {
    const full = code.name.trim() || 'Unnamed code';
    const base = clip(full, limits.codeName);
    let name = base;
    for (let n = 2; siblings.has(name.toLowerCase()); n++) name = `${clip(base, limits.codeName - 5)} (${n})`;
    siblings.add(name.toLowerCase());
    const key = `code:${planned.length}`;
    planned.push({
      key,
      guid: normaliseGuid(code.guid),
      name,
      color: normaliseColour(code.color),
      description: code.description?.trim() ?? '',
      parentKey,
      ...(base !== full ? { fullName: full } : {}),
    });
    const names = new Set<string>();
    for (const c of code.children) visit(c, key, names);
  };
  const rootNames = new Set<string>();
  for (const code of tree) visit(code, null, rootNames);
  return planned;
}

/** Every code whose name was longer than Tolk keeps, for the import summary: its full name and what it became. */
export function shortenedCodeNames(
  codes: readonly PlannedCode[],
  limits: PlanLimits = DEFAULT_PLAN_LIMITS,
): ImportSkipped[] {
  return codes.flatMap((code) =>
    code.fullName === undefined
      ? []
      : [skip('code', code.fullName, 'code_name_shortened', { limit: String(limits.codeName), shortened: code.name })],
  );
}

/** True when a selection's `name` is the start of its quote (tools cut long names with an ellipsis). */
export function nameMatchesQuote(name: string, quote: string): boolean {
  const squeeze = (s: string) => s.replace(/\s+/gu, ' ').trim();
  const prefix = squeeze(name)
    .replace(/(?:…|\.\.\.)$/u, '')
    .trimEnd();
  return prefix.length > 0 && squeeze(quote).startsWith(prefix);
}

/** The unit a tool is known to use (docs/refi-qda.md), before checking it against selection names. */
export function defaultOffsetUnit(origin: string | undefined, texts: readonly string[]): OffsetUnit {
  if (/nvivo/iu.test(origin ?? '')) return 'utf16';
  if (/atlas\.?ti/iu.test(origin ?? '') && texts.some((t) => t.includes('\r\n'))) return 'codepoints-crlf1';
  return 'codepoints';
}

interface SourceInPlay {
  source: RefiTextSource;
  normalised: NormalisedText;
}

/**
 * Chooses the offset unit: the tool's known one, unless another lines up
 * strictly more selections with their names.
 */
export function chooseOffsetUnit(
  origin: string | undefined,
  sources: readonly SourceInPlay[],
  rawTexts: readonly string[],
): { unit: OffsetUnit; named: number; matched: number } {
  const preferred = defaultOffsetUnit(origin, rawTexts);
  const named = sources.flatMap(({ source, normalised }) =>
    source.selections.filter((s) => s.name?.trim()).map((s) => ({ s, normalised })),
  );
  const score = (unit: OffsetUnit) =>
    named.filter(({ s, normalised }) => {
      const start = normalised.toTolk(s.start, unit);
      const end = normalised.toTolk(s.end, unit);
      return (
        start !== undefined &&
        end !== undefined &&
        end > start &&
        nameMatchesQuote(s.name!, normalised.text.slice(start, end))
      );
    }).length;
  let best = { unit: preferred, matched: score(preferred) };
  for (const unit of OFFSET_UNITS) {
    if (unit === preferred || best.matched === named.length) continue;
    const matched = score(unit);
    if (matched > best.matched) best = { unit, matched };
  }
  return { unit: best.unit, named: named.length, matched: best.matched };
}

/**
 * What to create for an imported project (pure: the api writes it in one
 * transaction). `sourceText` gives a source's text file from the archive
 * (undefined when it is not there); a note's text file likewise.
 */
export function planImport(
  project: RefiProject,
  sourceText: (path: string | undefined) => string | undefined,
  limits: PlanLimits = DEFAULT_PLAN_LIMITS,
): ImportPlan {
  const codes = planCodes(project.codes, project.origin, limits);
  const skipped: ImportSkipped[] = shortenedCodeNames(codes, limits);
  const codeByGuid = new Map<string, PlannedCode>();
  for (const code of codes) if (!codeByGuid.has(code.guid)) codeByGuid.set(code.guid, code);
  const userNames = new Map(project.users.map((u) => [normaliseGuid(u.guid), u.name ?? 'unknown']));

  // Notes, and what points at them: NoteRefs are collected where they stand, Links here.
  const notes = new Map(project.notes.map((n) => [normaliseGuid(n.guid), n]));
  const linkedNotes = new Map<string, string[]>();
  for (const link of project.links) {
    const [origin, target] = [normaliseGuid(link.originGuid ?? ''), normaliseGuid(link.targetGuid ?? '')];
    const [note, other] = notes.has(origin)
      ? [origin, target]
      : notes.has(target)
        ? [target, origin]
        : [undefined, undefined];
    if (note && other) linkedNotes.set(other, [...(linkedNotes.get(other) ?? []), note]);
    else skipped.push(skip('link', link.name ?? link.guid, 'link_not_note'));
  }
  const placedNotes = new Set<string>();
  const noteText = (note: RefiNote) =>
    (note.plainTextContent ?? sourceText(note.plainTextPath) ?? '').trim() ||
    note.description?.trim() ||
    note.name?.trim() ||
    '';
  /** The texts of the notes an object refers to (NoteRef or Link), each note used once. */
  const notesFor = (guid: string, noteRefs: readonly string[]): RefiNote[] =>
    [...noteRefs.map(normaliseGuid), ...(linkedNotes.get(normaliseGuid(guid)) ?? [])].flatMap((id) => {
      const note = notes.get(id);
      if (!note || placedNotes.has(id)) return [];
      placedNotes.add(id);
      return [note];
    });
  const joinNotes = (list: RefiNote[]) =>
    list
      .map(noteText)
      .filter((t) => t)
      .join('\n\n') || undefined;
  let notesImported = 0;

  for (const code of codes) {
    const original = findCode(project.codes, code.guid);
    const codeNotes = notesFor(code.guid, original?.noteRefs ?? []);
    code.memo = joinNotes(codeNotes);
    notesImported += codeNotes.length;
  }

  // Texts first: the offset unit is chosen on all of them together.
  const variables = new Map(project.variables.map((v) => [normaliseGuid(v.guid), v.name]));
  const inPlay: SourceInPlay[] = [];
  const rawTexts: string[] = [];
  for (const source of project.sources) {
    if (source.kind !== 'text') {
      skipped.push(skip('source', source.name ?? source.guid, `${source.kind}_source`, { codings: source.codings }));
      continue;
    }
    const raw = source.plainTextContent ?? sourceText(source.plainTextPath);
    const codings = source.selections.reduce((n, s) => n + s.codings.length, 0) + source.codings.length;
    const name = source.name?.trim() || fileTitle(source.plainTextPath) || source.guid;
    if (raw === undefined) {
      skipped.push(skip('source', name, 'text_missing', { codings }));
      continue;
    }
    const normalised = normaliseSourceText(raw);
    if (new TextEncoder().encode(normalised.text).length > limits.textBytes) {
      skipped.push(skip('source', name, 'text_too_large', { codings, limit: sizeText(limits.textBytes) }));
      continue;
    }
    if (normalised.text.includes('\u0000') || !normalised.text.isWellFormed()) {
      skipped.push(skip('source', name, 'text_unstorable', { codings }));
      continue;
    }
    inPlay.push({ source, normalised });
    rawTexts.push(raw);
  }
  const hasSelections = inPlay.some(({ source }) => source.selections.length > 0);
  const choice = chooseOffsetUnit(project.origin, inPlay, rawTexts);

  const coders = new Map<string, number>();
  const attributeOwners = attributeValues(project, variables, skipped);
  let attributeCount = 0;

  const documents: PlannedDocument[] = inPlay.map(({ source, normalised }) => {
    // A source without a name is called after its file (`board_2017.txt` → «board_2017»).
    const title = clip(source.name?.trim() || fileTitle(source.plainTextPath) || 'Untitled source', limits.title);
    const document: PlannedDocument = {
      title,
      text: normalised.text,
      attributes: {},
      codings: [],
      comments: [],
      segmentMemos: [],
    };
    const range = (s: RefiTextSelection) => {
      const start = normalised.toTolk(s.start, choice.unit);
      const end = normalised.toTolk(s.end, choice.unit);
      return start !== undefined && end !== undefined && end > start ? { start, end } : undefined;
    };
    const addCoding = (codeGuid: string, where: { start: number; end: number }, creatingUser: string | undefined) => {
      const code = codeByGuid.get(normaliseGuid(codeGuid));
      if (!code) {
        skipped.push(skip('coding', title, 'unknown_code', { code: codeGuid }));
        return;
      }
      document.codings.push({ codeKey: code.key, ...where });
      const coder = userNames.get(normaliseGuid(creatingUser ?? '')) ?? 'unknown';
      coders.set(coder, (coders.get(coder) ?? 0) + 1);
    };

    for (const selection of source.selections) {
      const where = range(selection);
      const selectionNotes = notesFor(selection.guid, selection.noteRefs);
      // Tolk's segment memos come back as memos; every other note on words is a comment on them.
      const memoNotes = selectionNotes.filter((n) => n.name === MEMO_NOTE_NAME);
      const bodies = [
        selection.description?.trim() ?? '',
        ...selectionNotes.filter((n) => !memoNotes.includes(n)).map(noteText),
      ].filter((b) => b);
      if (!where) {
        for (const coding of selection.codings) {
          const code = codeByGuid.get(normaliseGuid(coding.codeGuid));
          skipped.push(
            skip('coding', code?.name ?? title, 'outside_text', {
              start: selection.start,
              end: selection.end,
              document: title,
            }),
          );
        }
        // Its notes still reach the project memo below.
        for (const note of selectionNotes) placedNotes.delete(normaliseGuid(note.guid));
        continue;
      }
      for (const coding of selection.codings)
        addCoding(coding.codeGuid, where, coding.creatingUser ?? selection.creatingUser);
      if (bodies.length > 0) {
        document.comments.push({ ...where, bodies });
        notesImported += bodies.length;
      }
      for (const note of memoNotes) {
        const body = noteText(note);
        if (body) document.segmentMemos.push({ ...where, body });
        notesImported += 1;
      }
    }
    for (const coding of source.codings) {
      if (normalised.text.length > 0)
        addCoding(coding.codeGuid, { start: 0, end: normalised.text.length }, coding.creatingUser);
    }

    // Notes on the source: Tolk's own comments on the whole document, otherwise its memo.
    const sourceNotes = notesFor(source.guid, source.noteRefs);
    const commentNotes = sourceNotes.filter((n) => /^Comment\b/u.test(n.name ?? ''));
    for (const note of commentNotes)
      document.comments.push({ start: null, end: null, bodies: [noteText(note)].filter((b) => b) });
    const memoNotes = sourceNotes.filter((n) => !commentNotes.includes(n));
    document.memo = joinNotes(memoNotes);
    notesImported += sourceNotes.length;
    document.comments = document.comments.filter((c) => c.bodies.length > 0);

    for (const [name, value] of attributeOwners.get(normaliseGuid(source.guid)) ?? [])
      document.attributes[name] = value;
    for (const value of source.values) {
      const name = variables.get(normaliseGuid(value.variableGuid));
      if (name) document.attributes[name] = value.value;
    }
    attributeCount += Object.keys(document.attributes).length;
    return document;
  });

  // The project's own notes, and every note nothing imported refers to.
  const projectNotes = notesFor('', project.noteRefs);
  const strays = [...notes.entries()].filter(([id]) => !placedNotes.has(id)).map(([, note]) => note);
  for (const note of strays) placedNotes.add(normaliseGuid(note.guid));
  const projectMemo = [
    joinNotes(projectNotes),
    ...strays.map((n) => (n.name ? `${n.name}\n${noteText(n)}` : noteText(n))),
  ]
    .filter((t) => t)
    .join('\n\n');
  notesImported += projectNotes.length + strays.length;

  for (const set of project.sets) {
    if (attributePair(set.name) && set.memberSources.length > 0) continue;
    skipped.push(skip('set', set.name, 'set_not_modelled'));
  }
  for (const graph of project.graphs) skipped.push(skip('graph', graph.name ?? graph.guid, 'graph_not_modelled'));

  return {
    name: clip(project.name.trim() || 'Imported project', 200),
    description: project.description?.trim() ?? '',
    codes,
    documents,
    projectMemo: projectMemo || undefined,
    summary: {
      sources: documents.length,
      codes: codes.length,
      codings: documents.reduce((n, d) => n + d.codings.length, 0),
      notes: notesImported,
      attributes: attributeCount,
      skipped,
      offsetUnit: hasSelections ? choice.unit : null,
      offsetCheck: { named: choice.named, matched: choice.matched },
      coders: [...coders].map(([name, codings]) => ({ name, codings })),
      origin: project.origin ?? null,
    },
  };
}

/** The codebook of a `.qdc` (or of a whole project file) to add to a project's codebook. */
export function planCodebook(codebook: RefiCodebook, limits: PlanLimits = DEFAULT_PLAN_LIMITS): PlannedCode[] {
  return planCodes(codebook.codes, codebook.origin, limits);
}

/** "2 MiB", or the bytes for a limit below one MiB. */
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB` : `${bytes.toLocaleString('en')} bytes`;

function findCode(codes: readonly RefiCode[], guid: string): RefiCode | undefined {
  for (const code of codes) {
    if (normaliseGuid(code.guid) === guid) return code;
    const inner = findCode(code.children, guid);
    if (inner) return inner;
  }
  return undefined;
}

/** `gender: male` → [gender, male] (ATLAS.ti's document groups as attributes). */
function attributePair(name: string): [string, string] | undefined {
  const match = /^([^:]+?)\s*:\s*(.+)$/u.exec(name.trim());
  return match && !name.includes('::') ? [match[1].trim(), match[2].trim()] : undefined;
}

/** Attribute values by source: from Cases (values on a case that refers to sources) and from `name: value` sets. */
function attributeValues(
  project: RefiProject,
  variables: Map<string, string>,
  skipped: ImportSkipped[],
): Map<string, [string, string][]> {
  const bySource = new Map<string, [string, string][]>();
  const add = (source: string, pair: [string, string]) => bySource.set(source, [...(bySource.get(source) ?? []), pair]);
  for (const entry of project.cases) {
    const pairs = entry.values.flatMap((v): [string, string][] => {
      const name = variables.get(normaliseGuid(v.variableGuid));
      return name ? [[name, v.value]] : [];
    });
    if (entry.sourceRefs.length === 0 && pairs.length > 0) {
      skipped.push(skip('attribute', entry.name ?? entry.guid, 'case_without_source'));
    }
    for (const source of entry.sourceRefs) for (const pair of pairs) add(normaliseGuid(source), pair);
  }
  for (const set of project.sets) {
    const pair = attributePair(set.name);
    if (pair) for (const source of set.memberSources) add(normaliseGuid(source), pair);
  }
  return bySource;
}
