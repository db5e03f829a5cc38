/**
 * WebSocket close codes of the live-text endpoint `/collab/:documentId`.
 * The stock y-websocket client treats 4400–4499 as permanent (it stops
 * reconnecting); other codes make it reconnect with backoff.
 */
export const COLLAB_CLOSE = {
  /** A message that is not the y-websocket protocol, or an update that cannot be applied. */
  badMessage: 4400,
  /**
   * No token, a token that is invalid, or a connection whose token expired
   * without an in-band renewal (COLLAB_MESSAGE.renewToken): refresh it and
   * connect again. Also sent when a renewal carries a bad token.
   */
  unauthenticated: 4401,
  /** The member was removed from the project while connected. */
  accessRevoked: 4403,
  /** No such document, or the caller is not a member of its project (indistinguishable). */
  notFound: 4404,
  /** The document was deleted while connected. */
  documentDeleted: 4410,
  /** The edit would make the transcript larger than MAX_DOCUMENT_BYTES of UTF-8 (the REST limit); it was not stored. */
  tooLarge: 4413,
  /** Too many open connections for this user. */
  tooManyConnections: 4429,
  /** A message larger than the limit (the WebSocket standard code). */
  messageTooBig: 1009,
  /** The server is shutting down; reconnect (to this or another instance). */
  goingAway: 1001,
  /** The server is at its limit of documents in memory; the client retries. */
  tryAgainLater: 1013,
} as const;

export type CollabCloseCode = (typeof COLLAB_CLOSE)[keyof typeof COLLAB_CLOSE];

/**
 * Message types Tolk adds to the y-websocket protocol on `/collab` (the first
 * varUint of a message; 0–3 are y-websocket's own).
 */
export const COLLAB_MESSAGE = {
  /**
   * In-band token renewal: varUint 100, then a fresh access token as a
   * varString. The server answers nothing when it is good and closes with
   * 4401 when it is not. Send it before the current token's `exp`: a
   * connection is closed within seconds after `exp`, and what it sends after
   * `exp` is not stored.
   */
  renewToken: 100,
} as const;

/** Largest WebSocket message the server accepts on `/collab` (bytes). */
export const MAX_COLLAB_MESSAGE_BYTES = 4 * 1024 * 1024;

/** What each awareness state carries; the server sets `id` and `name`. */
export interface AwarenessUser {
  id: string;
  name: string;
  color?: string;
  colorLight?: string;
}
