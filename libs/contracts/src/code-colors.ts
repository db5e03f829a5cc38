/**
 * Colours for codes. A code's colour marks its stripe in the margin, its dot
 * in the codebook and, as a light tint, the words it codes; a project rarely
 * has more than a dozen codes at the top level, and readers must tell them
 * apart at a glance, also with a colour-vision deficiency.
 *
 * How the palette was chosen: candidates on a grid of the OKLab colour space
 * (lightness 0.42–0.66, chroma 0.06–0.15: calm, not neon) that keep a 3:1
 * contrast with white (WCAG 2.1, 1.4.11, for a stripe or dot on the page);
 * then, starting from the app's teal, each next colour is the candidate
 * farthest from all colours before it, the distance being the smallest of
 * the OKLab distances seen with normal vision and as simulated for
 * protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes
 * 2009, severity 1). So the first colours are the most distinct, and a
 * project's first codes get them. `code-colors.spec.ts` checks the figures.
 */
export const CODE_COLORS = [
  '#2f7d6d',
  '#6b2b84',
  '#9b74d9',
  '#932605',
  '#ba7f14',
  '#685f99',
  '#6693aa',
  '#bc4945',
  '#04585c',
  '#0256a9',
  '#905211',
  '#788f62',
] as const;

/** How strongly coded words are tinted with their code's colour (over the white page). */
export const CODE_TINT_ALPHA = 0.3;

/**
 * The colour for a new code: the first of the palette no active code of the
 * project has; when every one is taken, the one fewest codes have (earliest
 * first), so colours repeat as little as they can.
 */
export function pickCodeColor(used: readonly string[]): string {
  const counts = new Map<string, number>(CODE_COLORS.map((c) => [c, 0]));
  for (const color of used) {
    const key = color.toLowerCase();
    if (counts.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string = CODE_COLORS[0];
  for (const color of CODE_COLORS) if ((counts.get(color) ?? 0) < (counts.get(best) ?? 0)) best = color;
  return best;
}

/** `#rrggbb` as sRGB channels 0–1. */
export function parseHexColor(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) throw new Error(`not a #rrggbb colour: ${color}`);
  return [parseInt(m[1], 16) / 255, parseInt(m[2], 16) / 255, parseInt(m[3], 16) / 255];
}

/** A colour laid over white at `alpha`, as a browser composites it (in sRGB), as `#rrggbb`. */
export function tintOverWhite(color: string, alpha: number): string {
  const channels = parseHexColor(color).map((c) => alpha * c + (1 - alpha));
  return `#${channels
    .map((c) =>
      Math.round(c * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** WCAG 2.1 relative luminance of an sRGB colour. */
export function relativeLuminance(color: string): number {
  const [r, g, b] = parseHexColor(color).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
