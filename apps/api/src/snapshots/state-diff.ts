import type {
  ChangedCode,
  ChangedCoding,
  Code,
  Coding,
  DocumentDiff,
  ProjectState,
  SnapshotDiff,
} from '@tolk/contracts';
import { diffText } from './text-diff.js';

type Comparable = Pick<ProjectState, 'codes' | 'documents' | 'codings'>;

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((i) => [i.id, i]));

/** What changed about a coding between two states: its code, its place in the text (or both). */
export function codingChanges(before: Coding, after: Coding): ChangedCoding['changes'] {
  const changes: ChangedCoding['changes'] = [];
  if (before.codeId !== after.codeId) changes.push('recoded');
  if (before.start !== after.start || before.end !== after.end || before.quote !== after.quote) changes.push('moved');
  return changes;
}

/** Snapshots taken before codes had definitions lack those fields: they count as empty. */
const definition = (c: Partial<Code>) =>
  [c.whenToUse ?? '', c.whenNotToUse ?? '', c.exampleCodingId ?? null, c.exampleQuote ?? ''].join('\u0000');

const codeChanged = (a: Code, b: Code) =>
  a.name !== b.name ||
  a.color !== b.color ||
  a.description !== b.description ||
  a.parentId !== b.parentId ||
  definition(a) !== definition(b);

/**
 * The difference from one state (`before`, a snapshot) to another (`after`,
 * a later snapshot or now), per document and for the codebook. Codings are
 * matched by id: one in both whose code or segment differs is "changed"
 * (recoded and/or moved). Documents are listed in `after`'s order, then the
 * ones only `before` has.
 */
export function diffStates(before: Comparable, after: Comparable): Pick<SnapshotDiff, 'documents' | 'codes'> {
  const codingsBefore = groupByDocument(before.codings);
  const codingsAfter = groupByDocument(after.codings);
  const docsBefore = byId(before.documents);
  const docsAfter = byId(after.documents);
  const documents: DocumentDiff[] = [];
  const ids = [
    ...after.documents.map((d) => d.id),
    ...before.documents.filter((d) => !docsAfter.has(d.id)).map((d) => d.id),
  ];
  for (const id of ids) {
    const a = docsBefore.get(id);
    const b = docsAfter.get(id);
    const was = byId(codingsBefore.get(id) ?? []);
    const is = byId(codingsAfter.get(id) ?? []);
    const codingsChanged: ChangedCoding[] = [];
    for (const [codingId, coding] of is) {
      const old = was.get(codingId);
      if (!old) continue;
      const changes = codingChanges(old, coding);
      if (changes.length > 0) codingsChanged.push({ ...coding, before: old, changes });
    }
    const textBefore = a?.text ?? '';
    const textAfter = b?.text ?? '';
    const textChanged = textBefore !== textAfter;
    documents.push({
      documentId: id,
      title: (b ?? a)!.title,
      status: !a ? 'added' : !b ? 'removed' : 'present',
      textChanged,
      textDiff: textChanged ? diffText(textBefore, textAfter) : [],
      codingsAdded: [...is.values()].filter((c) => !was.has(c.id)),
      codingsRemoved: [...was.values()].filter((c) => !is.has(c.id)),
      codingsChanged,
    });
  }
  const codesBefore = byId(before.codes);
  const codesAfter = byId(after.codes);
  return {
    documents,
    codes: {
      added: after.codes.filter((c) => !codesBefore.has(c.id)),
      removed: before.codes.filter((c) => !codesAfter.has(c.id)),
      changed: after.codes.flatMap((c): ChangedCode[] => {
        const old = codesBefore.get(c.id);
        return old && codeChanged(old, c) ? [{ ...c, before: old }] : [];
      }),
    },
  };
}

function groupByDocument(codings: readonly Coding[]): Map<string, Coding[]> {
  const groups = new Map<string, Coding[]>();
  for (const coding of codings) {
    const list = groups.get(coding.documentId);
    if (list) list.push(coding);
    else groups.set(coding.documentId, [coding]);
  }
  return groups;
}
