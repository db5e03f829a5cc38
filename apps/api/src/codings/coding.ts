import type { ResolvedAnchor } from '@tolk/anchoring';
import type { Coding } from '@tolk/contracts';
import type { CodingEntity } from './coding.entity.js';

/** A coding as the wire shows it. */
export const toCoding = (c: CodingEntity): Coding => ({
  id: c.id,
  documentId: c.documentId,
  codeId: c.codeId,
  start: c.start,
  end: c.end,
  quote: c.quote,
  startAnchor: c.startAnchor,
  endAnchor: c.endAnchor,
  textDeleted: c.textDeleted,
  createdBy: c.createdBy,
  createdAt: c.createdAt.toISOString(),
  version: c.version,
});

/** Where a segment is in the text: offsets, the words, whether they were all deleted. */
export interface SegmentPlace {
  start: number;
  end: number;
  quote: string;
  textDeleted: boolean;
}

/** Where a coding is once its anchors are resolved again; undefined when the anchors say nothing new ('unknown'). */
export function placementAfter(coding: SegmentPlace, r: ResolvedAnchor): SegmentPlace | undefined {
  if (r.status === 'ok') return { start: r.start, end: r.end, quote: r.quote, textDeleted: false };
  if (r.status === 'deleted') return { start: coding.start, end: coding.start, quote: '', textDeleted: true };
  return undefined;
}
