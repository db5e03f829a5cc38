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
}

/** GET /api/projects/:projectId/analysis/agreement (docs/api.md, "Intercoder agreement"). */
export interface AgreementResult extends AgreementFigures {
  /** The coders compared, as given (a comma list makes a group). */
  coderA: string[];
  coderB: string[];
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
