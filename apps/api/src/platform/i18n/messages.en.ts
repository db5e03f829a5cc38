/**
 * What the server writes for people to read, in English: export headers,
 * file names, names it gives snapshots, import summaries. `{name}` is a
 * parameter; a key ending in `.one`/`.other` is chosen by plural rules.
 * `messages.nb.ts` must have exactly these keys (the type checks it).
 */
export const EN = {
  'segments.file': 'segments',
  'segments.document': 'Document',
  'segments.code': 'Code',
  'segments.start': 'Start',
  'segments.end': 'End',
  'segments.quote': 'Quote',
  'segments.coder': 'Coder',
  'report.file': 'quotes',
  'report.subtitle': 'Quotes by code',
  'report.none': 'No quotes yet.',
  'report.asOf': 'As of',
  'report.snapshot': 'Snapshot',
  'audit.file': 'audit',
  'audit.at': 'at',
  'audit.action': 'action',
  'audit.actorId': 'actor_id',
  'audit.actorName': 'actor_name',
  'audit.actorEmail': 'actor_email',
  'audit.targetType': 'target_type',
  'audit.targetId': 'target_id',
  'audit.documentId': 'document_id',
  'audit.ip': 'ip',
  'audit.userAgent': 'user_agent',
  'audit.requestId': 'request_id',
  'audit.details': 'details',
  'snapshot.beforeRestore': 'Before restoring “{name}”',
  'import.skip.picture_source': 'picture sources are not modelled in Tolk',
  'import.skip.pdf_source': 'pdf sources are not modelled in Tolk',
  'import.skip.audio_source': 'audio sources are not modelled in Tolk',
  'import.skip.video_source': 'video sources are not modelled in Tolk',
  'import.skip.text_missing': 'its text is not in the file',
  'import.skip.text_too_large': 'its text is larger than {limit}',
  'import.skip.text_unstorable': 'its text has characters Tolk cannot store',
  'import.skip.unknown_code': 'it refers to a code that is not in the codebook ({code})',
  'import.skip.outside_text': 'its selection ({start}–{end}) is not within the text of "{document}"',
  'import.skip.link_not_note': 'links between things other than notes are not modelled in Tolk',
  'import.skip.set_not_modelled':
    'sets (groups) are not modelled in Tolk, except document sets named "attribute: value"',
  'import.skip.graph_not_modelled': 'networks (graphs) are not modelled in Tolk',
  'import.skip.case_without_source': 'a case that refers to no source: its values have no document to go on',
  'import.skip.code_exists': 'already in the codebook (kept as it is)',
  'import.skip.code_set': 'code sets are not modelled in Tolk',
  'import.codingsLost.one': ' ({codings} coding on it not imported)',
  'import.codingsLost.other': ' ({codings} codings on it not imported)',
} as const;

export type MessageKey = keyof typeof EN;
