/*
 * The geometry of the transcript's right margin (drawn by stripe-layer.ts):
 * lanes of brackets next to the text, then one column of code names.
 * Plain numbers in, plain numbers out, so the rules are tested without a
 * browser.
 */

/** A lane: a 5px bracket and 2px of air to the next lane. */
const PITCH = 7;
const MIN_PITCH = 3;
/** Between the outermost lane and the column of names. */
export const LABEL_GAP = 6;
/** A name narrower than this says nothing: then the brackets go without names (their title still says it). */
const LABEL_MIN = 44;
/** The height of a name's row, and the air between two names stacked in the column. */
const LABEL_HEIGHT = 14;
const LABEL_SPACING = 2;
/** The label's coloured rule and the air after it (see the theme in coding-stripes.ts). */
export const LABEL_INSET = 6;
/**
 * How wide lanes are and how much is left for names: lanes of 7px while the
 * names keep a useful column, narrower lanes (down to 3px) before the names
 * go; `labelWidth` is null when there is no room for names at all.
 */
export function marginLayout(room: number, lanes: number): { pitch: number; labelWidth: number | null } {
  const n = Math.max(1, lanes);
  const pitch = Math.max(MIN_PITCH, Math.min(PITCH, Math.floor((room - LABEL_GAP - LABEL_MIN) / n)));
  const labelWidth = Math.floor(room - n * pitch - LABEL_GAP);
  if (labelWidth >= LABEL_MIN) return { pitch, labelWidth };
  return { pitch: Math.max(MIN_PITCH, Math.min(PITCH, Math.floor(room / n))), labelWidth: null };
}

/**
 * Rows for the names in their column: each at its bracket's top, or just
 * below the name above it when they would meet. `tops` come sorted (then
 * by lane); the answer is each name's top, in the same order.
 */
export function stackLabels(tops: readonly number[]): number[] {
  let free = -Infinity;
  return tops.map((top) => {
    const at = Math.max(top, free);
    free = at + LABEL_HEIGHT + LABEL_SPACING;
    return at;
  });
}
