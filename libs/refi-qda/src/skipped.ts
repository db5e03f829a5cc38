import type { ImportSkipped, ImportSkipReason } from '@tolk/contracts';

type Params = ImportSkipped['params'];

/** The English wording of each reason; clients translate `reasonCode` with `params` themselves. */
const REASONS: Record<ImportSkipReason, (p: Params) => string> = {
  picture_source: () => 'picture sources are not modelled in Tolk',
  pdf_source: () => 'pdf sources are not modelled in Tolk',
  audio_source: () => 'audio sources are not modelled in Tolk',
  video_source: () => 'video sources are not modelled in Tolk',
  text_missing: () => 'its text is not in the file',
  text_too_large: (p) => `its text is larger than ${p.limit}`,
  text_unstorable: () => 'its text has characters Tolk cannot store',
  unknown_code: (p) => `it refers to a code that is not in the codebook (${p.code})`,
  outside_text: (p) => `its selection (${p.start}–${p.end}) is not within the text of "${p.document}"`,
  link_not_note: () => 'links between things other than notes are not modelled in Tolk',
  set_not_modelled: () => 'sets (groups) are not modelled in Tolk, except document sets named "attribute: value"',
  graph_not_modelled: () => 'networks (graphs) are not modelled in Tolk',
  case_without_source: () => 'a case that refers to no source: its values have no document to go on',
  code_exists: () => 'already in the codebook (kept as it is)',
  code_set: () => 'code sets are not modelled in Tolk',
  code_name_shortened: (p) => `the name is longer than ${p.limit} characters: imported as "${p.shortened}"`,
};

/** A skipped item with its reason as code, figures and English text. */
export function skip(
  kind: ImportSkipped['kind'],
  name: string,
  reasonCode: ImportSkipReason,
  params: Params = {},
): ImportSkipped {
  const lost = params.codings ? ` (${params.codings} coding${params.codings === 1 ? '' : 's'} on it not imported)` : '';
  return { kind, name, reason: `${REASONS[reasonCode](params)}${lost}`, reasonCode, params };
}
