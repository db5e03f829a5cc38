import {
  addTables,
  type BinaryTable,
  binaryNominalAlpha,
  cohensKappa,
  emptyTable,
  percentAgreement,
  percentAgreementCoded,
  prevalence,
  unitsOf,
} from './binary-table.js';
import { compareCoverage, type Interval } from './coverage.js';

/** One coding as agreement sees it: which side made it, what code, where. */
export interface SidedCoding extends Interval {
  documentId: string;
  codeId: string;
  side: 'a' | 'b';
}

/** The figures for one set of units. */
export interface AgreementFigures {
  units: number;
  percentAgreement: number | null;
  cohensKappa: number | null;
  krippendorffAlpha: number | null;
  /** Shares of units each side labelled 1 (`prevalence`). */
  prevalenceA: number | null;
  prevalenceB: number | null;
  /** Agreement over the units either side labelled 1 (`percentAgreementCoded`). */
  percentAgreementCoded: number | null;
}

export interface CharacterAgreement extends AgreementFigures {
  /** The pooled 2×2 table, for readers who want the counts. */
  table: BinaryTable;
  /** One entry per code either side used, in order of first appearance, with the documents it is used in. */
  perCode: (AgreementFigures & { codeId: string; table: BinaryTable; documentIds: string[] })[];
}

/** Percent agreement, Cohen's kappa and nominal alpha of one 2×2 table. */
export function figuresOf(table: BinaryTable): AgreementFigures {
  return {
    units: unitsOf(table),
    percentAgreement: percentAgreement(table),
    cohensKappa: cohensKappa(table),
    krippendorffAlpha: binaryNominalAlpha(table),
    prevalenceA: prevalence(table, 'a'),
    prevalenceB: prevalence(table, 'b'),
    percentAgreementCoded: percentAgreementCoded(table),
  };
}

/**
 * Agreement of two coders (or two groups of coders) at character level, as
 * Tolk's API defines it: for each code used by either side in the given
 * documents, and each character of each document, one unit labelled 1 for a
 * side when one of that side's codings of that code covers the character.
 * Per code the units are Σ lengths; pooled, the per-code tables are summed
 * (codes × Σ lengths units). Codings outside the given documents are ignored;
 * ranges are clipped to their document.
 */
export function characterAgreement(
  documents: ReadonlyArray<{ id: string; length: number }>,
  codings: Iterable<SidedCoding>,
): CharacterAgreement {
  const lengths = new Map(documents.map((d) => [d.id, Math.max(0, d.length)]));
  const totalLength = [...lengths.values()].reduce((sum, l) => sum + l, 0);
  // code → document → the two sides' ranges
  const byCode = new Map<string, Map<string, { a: Interval[]; b: Interval[] }>>();
  for (const c of codings) {
    if (!lengths.has(c.documentId)) continue;
    let byDocument = byCode.get(c.codeId);
    if (!byDocument) byCode.set(c.codeId, (byDocument = new Map<string, { a: Interval[]; b: Interval[] }>()));
    let sides = byDocument.get(c.documentId);
    if (!sides) byDocument.set(c.documentId, (sides = { a: [], b: [] }));
    sides[c.side].push({ start: c.start, end: c.end });
  }
  const perCode = [...byCode].map(([codeId, byDocument]) => {
    const table = emptyTable();
    let covered = 0;
    for (const [documentId, sides] of byDocument) {
      const length = lengths.get(documentId)!;
      const t = compareCoverage(sides.a, sides.b, length).table;
      table.both += t.both;
      table.onlyA += t.onlyA;
      table.onlyB += t.onlyB;
      table.neither += t.neither;
      covered += length;
    }
    // Documents without a coding of this code: every character is a 0–0 unit.
    table.neither += totalLength - covered;
    return { codeId, table, ...figuresOf(table), documentIds: [...byDocument.keys()] };
  });
  const table = addTables(...perCode.map((c) => c.table));
  return { table, ...figuresOf(table), perCode };
}
