/** A coding as the union of coders needs it: where it is, which code, who made it. */
export interface CodedSpan {
  documentId: string;
  codeId: string;
  start: number;
  end: number;
  createdBy: string | null;
  /** The coded text, `end - start` characters of the document from `start` (when the view needs quotes). */
  quote?: string;
}

/**
 * One passage of the union: the text one code covers in one document where
 * several codings of that code overlap or touch, counted once whoever coded it.
 */
export interface Passage<T extends CodedSpan> {
  documentId: string;
  codeId: string;
  start: number;
  end: number;
  /** The codings it was made of, in order of position. */
  codings: T[];
  /** Who coded (part of) it, each once, in order of their first coding's position; `null`: an erased account. */
  coderIds: (string | null)[];
  /** The passage's text, pieced together from its codings' quotes (empty when they carry none). */
  quote: string;
}

/**
 * The union of codings per code and document (`merge=union`): codings of one
 * code in one document that overlap or touch (one starts where or before
 * another ends) become one passage covering both. So a passage coded by the
 * student and by the supervisor counts once, is quoted once and names both.
 * Codings of different codes never merge; empty ranges are left out.
 *
 * Every analysis view (segments, frequencies, co-occurrence, matrices,
 * exports) counts through this function when asked for the union, so they
 * all agree on what a passage is. Returns passages sorted by document (in
 * the order the input first names it), code (likewise) and start.
 */
export function mergePassages<T extends CodedSpan>(codings: Iterable<T>): Passage<T>[] {
  const groups = new Map<string, T[]>();
  for (const coding of codings) {
    if (coding.end <= coding.start) continue;
    const key = `${coding.documentId}\u0000${coding.codeId}`;
    const group = groups.get(key);
    if (group) group.push(coding);
    else groups.set(key, [coding]);
  }
  const documentOrder = new Map<string, number>();
  const codeOrder = new Map<string, number>();
  for (const group of groups.values()) {
    if (!documentOrder.has(group[0].documentId)) documentOrder.set(group[0].documentId, documentOrder.size);
    if (!codeOrder.has(group[0].codeId)) codeOrder.set(group[0].codeId, codeOrder.size);
  }
  const passages: Passage<T>[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.start - b.start || b.end - a.end);
    let current: Passage<T> | undefined;
    for (const coding of group) {
      if (current && coding.start <= current.end) {
        if (coding.end > current.end) {
          // The quote continues with the part of this coding beyond what is already covered.
          current.quote += (coding.quote ?? '').slice(current.end - coding.start);
          current.end = coding.end;
        }
        current.codings.push(coding);
        if (!current.coderIds.includes(coding.createdBy)) current.coderIds.push(coding.createdBy);
      } else {
        current = {
          documentId: coding.documentId,
          codeId: coding.codeId,
          start: coding.start,
          end: coding.end,
          codings: [coding],
          coderIds: [coding.createdBy],
          quote: coding.quote ?? '',
        };
        passages.push(current);
      }
    }
  }
  return passages.sort(
    (a, b) =>
      documentOrder.get(a.documentId)! - documentOrder.get(b.documentId)! ||
      codeOrder.get(a.codeId)! - codeOrder.get(b.codeId)! ||
      a.start - b.start,
  );
}

/** Passages as plain coded spans (one per passage), for counts that take codings. */
export function passageSpans<T extends CodedSpan>(passages: readonly Passage<T>[]): CodedSpan[] {
  return passages.map((p) => ({
    documentId: p.documentId,
    codeId: p.codeId,
    start: p.start,
    end: p.end,
    createdBy: p.coderIds[0] ?? null,
    quote: p.quote,
  }));
}
