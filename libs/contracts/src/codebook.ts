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

/** What a proposal asks the owner to do to the codebook. */
export const CODE_PROPOSAL_KINDS = ['create', 'rename', 'merge', 'describe'] as const;
export type CodeProposalKind = (typeof CODE_PROPOSAL_KINDS)[number];
export type CodeProposalStatus = 'open' | 'accepted' | 'declined';

/** A person as a proposal or the codebook's history names them (null once the account is erased). */
export interface PersonRef {
  id: string;
  name: string;
}

/**
 * `POST /api/projects/:projectId/code-proposals`. Which fields a kind needs:
 * `create` a `name` (and may give `description`, `parentId`); `rename` a
 * `codeId` and the new `name`; `merge` a `codeId` and the `intoCodeId` it
 * goes into; `describe` a `codeId` and its new `description`.
 */
export interface CreateCodeProposalRequest {
  kind: CodeProposalKind;
  codeId?: string;
  intoCodeId?: string;
  name?: string;
  description?: string;
  parentId?: string | null;
  /** Why, in the proposer's words. */
  note?: string;
}

/** A proposed codebook change, open or decided by the owner. */
export interface CodeProposal {
  id: string;
  projectId: string;
  kind: CodeProposalKind;
  status: CodeProposalStatus;
  codeId: string | null;
  intoCodeId: string | null;
  name: string | null;
  description: string | null;
  parentId: string | null;
  note: string;
  proposedBy: PersonRef | null;
  createdAt: string;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  /** Once accepted: the code the change made or changed (for `create`, the new code). */
  resultCodeId: string | null;
}

/** The actions of the codebook's history (`code_events`). */
export type CodebookAction =
  'created' | 'renamed' | 'recoloured' | 'described' | 'moved' | 'rekeyed' | 'merged' | 'deleted' | 'restored';

/** One change of the codebook (`GET /api/projects/:projectId/codebook/history`). */
export interface CodebookHistoryEntry {
  id: string;
  action: CodebookAction;
  codeId: string;
  /** The code's name now (retired codes keep theirs). */
  codeName: string;
  /** The code's version after the change. */
  version: number;
  /** What changed: `{from, to}` of the fields involved, the merge target `into`, or a new code's fields. */
  data: Record<string, string | null>;
  actor: PersonRef | null;
  /** Set when the change was a proposal that the actor (the owner) accepted. */
  proposedBy?: PersonRef | null;
  proposalId?: string;
  at: string;
}

/**
 * Longest code name, in characters. Other tools write long ones (MAXQDA
 * 118 and 124 in files seen in the wild); a REFI-QDA import keeps names up to
 * this length and names each one it had to shorten in its summary.
 */
export const MAX_CODE_NAME_LENGTH = 500;
