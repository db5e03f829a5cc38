/**
 * The key of a live Yjs document on the live path (rooms, update log,
 * fan-out, `/collab/<key>`): a transcript's id, or `memo:<memo id>` for a
 * memo. Both kinds take the same path; only where they are stored and who
 * may edit them differ.
 */
const MEMO_PREFIX = 'memo:';

export const memoKey = (memoId: string): string => `${MEMO_PREFIX}${memoId}`;

/** The memo id of a memo's key; undefined for a transcript's. */
export const memoIdOf = (key: string): string | undefined =>
  key.startsWith(MEMO_PREFIX) ? key.slice(MEMO_PREFIX.length) : undefined;

export const isMemoKey = (key: string): boolean => key.startsWith(MEMO_PREFIX);
