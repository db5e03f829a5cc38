/** A segment by the lines it touches (first and last line number, inclusive). */
export interface LaneItem {
  id: string;
  from: number;
  to: number;
  firstLine: number;
  lastLine: number;
}

export interface LaneLayout {
  /** Coding id → lane (0 next to the text). */
  lanes: ReadonlyMap<string, number>;
  /** How many lanes the busiest passage needs. */
  count: number;
}

/**
 * Side-by-side lanes for coding stripes, as NVivo and MAXQDA draw them:
 * two codings that share a line never share a lane, so their bars do not
 * cover each other. Whole lines rather than pixels decide: the layout then
 * depends on the text alone, and a stripe keeps its lane while the page
 * scrolls or the window is resized. Longer segments take the inner lanes, so
 * a short coding inside a long one sits beside it.
 */
export function assignLanes(items: readonly LaneItem[]): LaneLayout {
  const sorted = [...items].sort(
    (a, b) =>
      a.firstLine - b.firstLine || b.lastLine - a.lastLine || a.from - b.from || b.to - a.to || (a.id < b.id ? -1 : 1),
  );
  /** Lane → the last line it is busy until. */
  const busyUntil: number[] = [];
  const lanes = new Map<string, number>();
  for (const item of sorted) {
    let lane = busyUntil.findIndex((last) => last < item.firstLine);
    if (lane === -1) lane = busyUntil.length;
    busyUntil[lane] = item.lastLine;
    lanes.set(item.id, lane);
  }
  return { lanes, count: busyUntil.length };
}
