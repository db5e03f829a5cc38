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
  /**
   * The definition beyond `description` (which stays the main text, and is
   * what a REFI-QDA `Description` carries): when to apply the code and when
   * not to; '' when not written. The code routes always give these four
   * fields; codebooks frozen in snapshots taken before they existed lack them.
   */
  whenToUse?: string;
  whenNotToUse?: string;
  /**
   * The coding chosen as the code's example quote (it may have been removed
   * since: the quote stays as it was chosen), or null for none.
   */
  exampleCodingId?: string | null;
  /** The example's words as they were when chosen; '' when there is none. */
  exampleQuote?: string;
  /** Only with `?retired=true`: the code was merged (into `mergedIntoId`) or deleted. */
  retired?: boolean;
  mergedIntoId?: string | null;
}

export interface CreateCodeRequest {
  name: string;
  color?: string;
  description?: string;
  parentId?: string | null;
  whenToUse?: string;
  whenNotToUse?: string;
}

/** The longest `description`, `whenToUse` or `whenNotToUse`, in characters. */
export const MAX_CODE_DEFINITION_LENGTH = 5000;

export interface UpdateCodeRequest {
  name?: string;
  color?: string;
  description?: string;
  parentId?: string | null;
  whenToUse?: string;
  whenNotToUse?: string;
  /**
   * A current coding of this code, visible to the caller, whose words become
   * the example quote (400 `example_not_of_code` otherwise); null removes the example.
   */
  exampleCodingId?: string | null;
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
 * goes into; `describe` a `codeId` and at least one of a new `description`,
 * `whenToUse`, `whenNotToUse` or `exampleCodingId` (a coding of that code).
 */
export interface CreateCodeProposalRequest {
  kind: CodeProposalKind;
  codeId?: string;
  intoCodeId?: string;
  name?: string;
  description?: string;
  parentId?: string | null;
  /** create, describe: when to use the code, and when not to. */
  whenToUse?: string;
  whenNotToUse?: string;
  /** describe: the coding whose words should become the code's example quote. */
  exampleCodingId?: string;
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
  /** null: the proposal leaves it as it is. */
  whenToUse: string | null;
  whenNotToUse: string | null;
  exampleCodingId: string | null;
  /** The proposed example's words when it was proposed (null without one). */
  exampleQuote: string | null;
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
  | 'created'
  | 'renamed'
  | 'recoloured'
  | 'described'
  | 'defined'
  | 'exemplified'
  | 'moved'
  | 'rekeyed'
  | 'merged'
  | 'deleted'
  | 'restored';

/** One change of the codebook (`GET /api/projects/:projectId/codebook/history`). */
export interface CodebookHistoryEntry {
  id: string;
  action: CodebookAction;
  codeId: string;
  /** The code's name now (retired codes keep theirs). */
  codeName: string;
  /** The code's version after the change. */
  version: number;
  /**
   * What changed: `{from, to}` of the fields involved (`defined` also names the
   * `field`: `whenToUse` or `whenNotToUse`; `exemplified` gives coding ids and
   * the new `quote`), the merge target `into`, or a new code's fields.
   */
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
