/**
 * Colours for people: cursors, selection highlights and presence avatars.
 * Eight calm, clearly different hues, each dark enough for white label text
 * (contrast at least 5.8:1 on the colour), so a cursor label stays legible.
 */
export const USER_COLORS = [
  '#1a5fb4', // blue
  '#b3261e', // red
  '#2e6b30', // green
  '#6b3fa0', // purple
  '#9a4d00', // amber
  '#00696b', // teal
  '#a4135f', // magenta
  '#5b5f2a', // olive
] as const;

export interface UserColor {
  /** Caret, label background and avatar. */
  color: string;
  /** The same hue, translucent, for the background of a selection. */
  colorLight: string;
}

/**
 * A stable colour for a user id: every client derives the same one, so a
 * person keeps their colour across reloads, tabs and other people's screens.
 */
export function userColor(userId: string): UserColor {
  // FNV-1a: cheap, and spreads UUIDs evenly over a handful of buckets.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  const color = USER_COLORS[(hash >>> 0) % USER_COLORS.length];
  return { color, colorLight: `${color}33` };
}

/** "Sara Student" → "SS"; "Viktor" → "VI"; for the round avatars. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return [...words[0]].slice(0, 2).join('').toUpperCase();
  const first = [...words[0]][0] ?? '';
  const last = [...words[words.length - 1]][0] ?? '';
  return (first + last).toUpperCase();
}
