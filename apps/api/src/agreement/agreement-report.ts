import {
  type AgreementFigures,
  type AgreementResult,
  agreementMostlyUncoded,
  type Cell,
  type Locale,
} from '@tolk/contracts';
import { translate } from '../platform/i18n/translate.js';

/** What the agreement table and its method paragraph name, besides the figures. */
export interface AgreementReportInput {
  result: AgreementResult;
  /** Code names by id (sub-codes as «Parent / Child»). */
  codeNames: ReadonlyMap<string, string>;
  /** The two sides, as people read them («Sara Student», or a group «Kari + Ola»). */
  nameA: string;
  nameB: string;
  /** The titles of the transcripts compared, in the result's order. */
  documentTitles: readonly string[];
  /** When the figures were computed (ISO). */
  at: string;
}

export interface AgreementTable {
  header: string[];
  rows: Cell[][];
  /** The method paragraph (and, when it applies, the note on uncoded text) for a reliability section. */
  method: string[];
}

const percent = (x: number | null): Cell => (x === null ? '' : Math.round(x * 1000) / 10);
const statistic = (x: number | null): Cell => (x === null ? '' : Math.round(x * 1000) / 1000);

/**
 * The agreement table a thesis can quote: a row per code (in the order the
 * result gives them) and the pooled row, each with its units, the two
 * prevalences, percent agreement over all text and over the coded text,
 * Cohen's κ and Krippendorff's α (`null` figures left empty); headers and
 * method paragraph in `locale`.
 */
export function agreementTable(input: AgreementReportInput, locale: Locale): AgreementTable {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(locale, key, params);
  const row = (name: string, f: Omit<AgreementFigures, 'table'>): Cell[] => [
    name,
    f.units,
    percent(f.prevalenceA),
    percent(f.prevalenceB),
    percent(f.percentAgreement),
    percent(f.percentAgreementCoded),
    statistic(f.cohensKappa),
    statistic(f.krippendorffAlpha),
  ];
  const { result } = input;
  const count = result.documentIds.length;
  const method = [
    t('agreement.method', {
      date: input.at.slice(0, 10),
      a: input.nameA,
      b: input.nameB,
      scope: t(result.documents === 'both' ? 'agreement.scope.both' : 'agreement.scope.all', { count }),
      documents: input.documentTitles.join(', '),
    }),
  ];
  if (agreementMostlyUncoded(result))
    method.push(t('agreement.uncodedNote', { coded: Math.round((result.percentAgreementCoded ?? 0) * 1000) / 10 }));
  return {
    header: [
      t('agreement.code'),
      t('agreement.units'),
      t('agreement.prevalence', { name: input.nameA }),
      t('agreement.prevalence', { name: input.nameB }),
      t('agreement.percent'),
      t('agreement.percentCoded'),
      t('agreement.kappa'),
      t('agreement.alpha'),
    ],
    rows: [
      ...result.perCode.map((c) => row(input.codeNames.get(c.codeId) ?? c.codeId, c)),
      row(t('agreement.pooled'), result),
    ],
    method,
  };
}
