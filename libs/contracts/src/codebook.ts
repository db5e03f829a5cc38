/** A code in the codebook (docs/api.md, "Codebook"). */
export interface Code {
  id: string;
  name: string;
  /** `#rrggbb`. */
  color: string;
  description: string;
  parentId: string | null;
  version: number;
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
  /** The version the caller saw; 409 when the code changed since. */
  version?: number;
}

export interface MergeCodeRequest {
  intoCodeId: string;
}

/** Calm, distinguishable colours given to new codes in turn. */
export const CODE_COLORS = [
  '#2f7d6d',
  '#b5542c',
  '#4a62b0',
  '#a23f7b',
  '#7a7f1e',
  '#1f7fa8',
  '#8a5a2b',
  '#6b4fa0',
  '#3f8a3a',
  '#b03a48',
] as const;
