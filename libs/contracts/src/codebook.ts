/** A code in the codebook (docs/api.md, "Codebook"). */
export interface Code {
  id: string;
  name: string;
  /** `#rrggbb`. */
  color: string;
  description: string;
  parentId: string | null;
  version: number;
  /**
   * The key (`"1"`…`"9"`, `"0"`) that applies this code to the selection in
   * code mode, unique among the project's active codes; null for none. Chosen
   * once (the lowest free key when the code is made) and kept: adding or
   * renaming other codes never moves it.
   */
  shortcut: string | null;
  /** Only with `?retired=true`: the code was merged (into `mergedIntoId`) or deleted. */
  retired?: boolean;
  mergedIntoId?: string | null;
}

export interface CreateCodeRequest {
  name: string;
  color?: string;
  description?: string;
  parentId?: string | null;
}

export interface UpdateCodeRequest {
  name?: string;
  color?: string;
  description?: string;
  parentId?: string | null;
  /** A key from {@link SHORTCUT_KEYS}, or null to free the code's key; 409 `shortcut_taken` when another code has it. */
  shortcut?: string | null;
  /** The version the caller saw; 409 when the code changed since. */
  version?: number;
}

/** The keys a code may have, in the order new codes take them. */
export const SHORTCUT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
export type ShortcutKey = (typeof SHORTCUT_KEYS)[number];

/** The first key of {@link SHORTCUT_KEYS} not in `taken`, or null when all are. */
export function lowestFreeShortcut(taken: Iterable<string | null>): ShortcutKey | null {
  const used = new Set(taken);
  return SHORTCUT_KEYS.find((key) => !used.has(key)) ?? null;
}

export interface MergeCodeRequest {
  intoCodeId: string;
}

/**
 * Longest code name, in characters. Other tools write long ones (MAXQDA
 * 118 and 124 in files seen in the wild); a REFI-QDA import keeps names up to
 * this length and names each one it had to shorten in its summary.
 */
export const MAX_CODE_NAME_LENGTH = 500;
