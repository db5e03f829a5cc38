import type { Coding, DisagreementSpan } from '@tolk/contracts';

/** A run of text with the same marks all along: coded by this side or not, in a disagreement or not. */
export interface TextPiece {
  start: number;
  end: number;
  text: string;
  coded: boolean;
  /** Index of the disagreement this piece belongs to, or -1. */
  disagreement: number;
}

/**
 * Cuts a text into pieces at every boundary of one side's codings and of
 * the disagreements, so a column can be drawn with a handful of spans
 * instead of one element per character.
 */
export function textPieces(
  text: string,
  codings: readonly Pick<Coding, 'start' | 'end'>[],
  disagreements: readonly DisagreementSpan[],
): TextPiece[] {
  const cuts = new Set<number>([0, text.length]);
  for (const r of [...codings, ...disagreements]) {
    cuts.add(clamp(r.start, text.length));
    cuts.add(clamp(r.end, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: TextPiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    pieces.push({
      start,
      end,
      text: text.slice(start, end),
      coded: codings.some((c) => c.start <= start && end <= c.end),
      disagreement: disagreements.findIndex((d) => d.start <= start && end <= d.end),
    });
  }
  return pieces;
}

const clamp = (n: number, length: number) => Math.max(0, Math.min(length, n));
