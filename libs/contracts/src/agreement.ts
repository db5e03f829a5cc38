import type { Coding } from './codings.js';

/** Counts of character units: both sides coded, only A, only B, neither. */
export interface AgreementTable {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

/** Percent agreement, Cohen's kappa and nominal Krippendorff's alpha of a set of units; `null` where undefined. */
export interface AgreementFigures {
  units: number;
  percentAgreement: number | null;
  cohensKappa: number | null;
  krippendorffAlpha: number | null;
  table: AgreementTable;
  /** The share of units A (B) labelled 1: how much of the text that side coded with the code(s). */
  prevalenceA: number | null;
  prevalenceB: number | null;
  /** Agreement over the units either side labelled 1 (`null` when no unit is 1). */
  percentAgreementCoded: number | null;
}

/** Which documents agreement counts: only those both sides coded (any code), or all of the project's. */
export type AgreementDocuments = 'both' | 'all';

/** GET /api/projects/:projectId/analysis/agreement (docs/api.md, "Intercoder agreement"). */
export interface AgreementResult extends AgreementFigures {
  /** The coders compared, as given (a comma list makes a group). */
  coderA: string[];
  coderB: string[];
  /** `both` (the default): only documents both sides coded; `all`: every document (narrowed by `documentId`). */
  documents: AgreementDocuments;
  /** The documents whose characters are the units. */
  documentIds: string[];
  /** Per code either side used; `documentIds`: the selected documents it is used in. */
  perCode: (AgreementFigures & { codeId: string; documentIds: string[] })[];
}

/** A stretch of text that exactly one side coded with the code. */
export interface DisagreementSpan {
  start: number;
  end: number;
  /** Which side coded it: A (then B did not), or B. */
  codedBy: 'a' | 'b';
}

/** GET /api/projects/:projectId/analysis/agreement/disagreements: one document, side by side. */
export interface AgreementDocumentView {
  documentId: string;
  title: string;
  /** The text as it is now; all offsets below point into it. */
  text: string;
  coderA: string[];
  coderB: string[];
  /** Both sides' current codings in the document (of one code when `codeId` was given). */
  codings: (Coding & { side: 'a' | 'b' })[];
  /** Per code either side used here: where they disagree. */
  codes: { codeId: string; disagreements: DisagreementSpan[] }[];
}

/** POST /api/projects/:projectId/analysis/agreement/adopt: copy a coding as the caller's own. */
export interface AdoptCodingRequest {
  codingId: string;
}

/**
 * Whether high percent agreement over all text comes mostly from text
 * neither side coded: most agreeing units are 0–0 and agreement over the
 * coded text is at least ten points lower. The web client and the agreement
 * exports then say so in plain words, beside κ and α.
 */
export function agreementMostlyUncoded(
  figures: Pick<AgreementFigures, 'percentAgreement' | 'percentAgreementCoded' | 'table'>,
): boolean {
  const { percentAgreement, percentAgreementCoded, table } = figures;
  if (percentAgreement === null || percentAgreementCoded === null) return false;
  const agreeing = table.both + table.neither;
  return agreeing > 0 && table.neither / agreeing > 0.5 && percentAgreement - percentAgreementCoded >= 0.1;
}
