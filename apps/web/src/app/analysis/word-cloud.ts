/** A word to place, with how often it occurs. */
export interface CloudWord {
  text: string;
  count: number;
}

/** A placed word: its centre (`x`, `y`, the SVG text anchor middle/central) and font size, in the cloud's units. */
export interface PlacedWord {
  text: string;
  count: number;
  x: number;
  y: number;
  size: number;
  /** Its box, for tests and hit areas. */
  box: Box;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface CloudOptions {
  width: number;
  height: number;
  minSize?: number;
  maxSize?: number;
  /** The average glyph width as a share of the font size (a guess: the layout never measures text). */
  glyph?: number;
}

/**
 * A word cloud laid out without measuring the DOM, so it is the same on
 * every screen and testable: words by count, largest first, each set at the
 * first point of an Archimedean spiral from the centre where its box (the
 * text's estimated width × its line height) overlaps no word placed before.
 * Font sizes grow with the square root of the count (area follows the
 * count). A word that finds no room inside the cloud is left out.
 */
export function layoutCloud(words: readonly CloudWord[], options: CloudOptions): PlacedWord[] {
  const { width, height, minSize = 12, maxSize = 44, glyph = 0.58 } = options;
  const sorted = [...words]
    .filter((w) => w.count > 0)
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  if (sorted.length === 0) return [];
  const most = Math.sqrt(sorted[0].count);
  const least = Math.sqrt(sorted.at(-1)!.count);
  const placed: PlacedWord[] = [];
  const cx = width / 2;
  const cy = height / 2;
  for (const word of sorted) {
    const share = most === least ? 1 : (Math.sqrt(word.count) - least) / (most - least);
    const size = Math.round(minSize + share * (maxSize - minSize));
    const w = word.text.length * size * glyph + 4;
    const h = size * 1.1;
    // The spiral widens by `step` per turn; a wide cloud is searched as an ellipse.
    const stretch = width / height;
    for (let t = 0; t < 2000; t++) {
      const angle = t * 0.35;
      const radius = 2 * angle;
      const x = cx + radius * Math.cos(angle) * stretch;
      const y = cy + radius * Math.sin(angle);
      const box = { left: x - w / 2, top: y - h / 2, right: x + w / 2, bottom: y + h / 2 };
      if (box.left < 0 || box.top < 0 || box.right > width || box.bottom > height) {
        // Once the spiral is wider than the cloud in both directions there is no room left.
        if (radius > Math.max(width, height)) break;
        continue;
      }
      if (placed.some((p) => overlaps(p.box, box))) continue;
      placed.push({ text: word.text, count: word.count, x, y, size, box });
      break;
    }
  }
  return placed;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
