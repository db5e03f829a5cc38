/**
 * WebSocket close codes of the live-text endpoint `/collab/:documentId`.
 * The stock y-websocket client treats 4400–4499 as permanent (it stops
 * reconnecting); other codes make it reconnect with backoff.
 */
export const COLLAB_CLOSE = {
  /** A message that is not the y-websocket protocol, or an update that cannot be applied. */
  badMessage: 4400,
  /** No token, or a token that is invalid or expired: refresh it and connect again. */
  unauthenticated: 4401,
  /** The member was removed from the project while connected. */
  accessRevoked: 4403,
  /** No such document, or the caller is not a member of its project (indistinguishable). */
  notFound: 4404,
  /** The document was deleted while connected. */
  documentDeleted: 4410,
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

/** Largest WebSocket message the server accepts on `/collab` (bytes). */
export const MAX_COLLAB_MESSAGE_BYTES = 4 * 1024 * 1024;

/** What each awareness state carries; the server sets `id` and `name`. */
export interface AwarenessUser {
  id: string;
  name: string;
  color?: string;
  colorLight?: string;
}
