/**
 * Why a request was refused, as a stable code a client translates (the server's `message` is English
 * for people reading the JSON, and may change). Every 4xx answer, and the 503 of an unreachable
 * database, carries one as `reason`; its HTTP status is fixed here, so one reason never comes with two
 * statuses. Facts a client needs to word the message (a size limit, the current version, a field
 * name) come in `params` — typed per reason by {@link ErrorParams} — and are repeated in `details`
 * beside `details.reason` for clients written before `reason` existed.
 *
 * Adding a reason: add it here with its status and a line saying when it is sent, its params (if any)
 * to {@link ErrorParams}, and its wording to the web client's translations (en and nb).
 */
export const ERROR_REASONS = {
  // ── 400: the request is malformed or breaks a rule ────────────────────────────────────────────────
  /** A body or query field failed validation; `params.fields` names each field and the rules it broke. */
  invalid_input: 400,
  /** The body is not valid JSON. */
  invalid_json: 400,
  /** A new password is too easy to guess (zxcvbn score below 3: common passwords, words, patterns). */
  password_too_weak: 400,
  /** A new password contains the account's e-mail address (or its local part) or a part of the name. */
  password_contains_personal_data: 400,
  /** A code's new parent is the code itself or one of its sub-codes. */
  code_parent_cycle: 400,
  /** A code is to be merged into itself. */
  merge_into_self: 400,
  /** A code proposal lacks the field (`params.field`) its kind needs (e.g. `name` for `create`). */
  proposal_incomplete: 400,
  /**
   * A code's example (`exampleCodingId`) is not a current coding of that code which the caller can see
   * (removed, another code's, another project's, or hidden by blind coding).
   */
  example_not_of_code: 400,
  /** An id (`params.field`, e.g. `parentId`, `intoCodeId`, `codeId`) does not name an active code of this project. */
  code_not_in_project: 400,
  /** A date field (`params.field`) is not a date in the calendar (e.g. 2026-02-30). */
  invalid_date: 400,
  /** The retention date lies in the past. */
  retention_in_past: 400,
  /** A deadline's `dueAt` is not in the future. */
  deadline_in_past: 400,
  /** A snapshot diff's `against` is neither a snapshot of this project nor `current`. */
  invalid_diff_target: 400,
  /** A list of user ids (`params.field`) is missing, too long (`params.max`) or holds something else than ids. */
  invalid_id_list: 400,
  /** Agreement between a coder and themself was asked for. */
  same_coders: 400,
  /** An export of one document's agreement got no or several `documentId`s. */
  one_document_required: 400,
  /** Ownership is given only by an invitation the person accepts (not by adding their user id). */
  owner_needs_acceptance: 400,
  /** Adding a member needs exactly one of `email` (invites) and `userId`. */
  email_or_user_id: 400,
  /** A real name (`params.name`) appears twice in the pseudonym key list. */
  pseudonym_listed_twice: 400,
  /** A reply names a parent that is not a thread's first comment in this document. */
  invalid_reply_parent: 400,
  /** A reply was given a segment of its own (only a thread's first comment has one). */
  reply_has_segment: 400,
  /** A reply was to be resolved: resolve the thread. */
  resolve_reply: 400,
  /** A search or filter parameter (`params.field`) is missing, repeated, too long (`params.max`) or unknown. */
  invalid_filter: 400,
  /** A coding query's expression is malformed at `params.path` (e.g. `expression.and[1]`): an unknown operator, a `not` outside `and`, a bad `within`, too deep or too large. */
  invalid_query: 400,
  /** The matrix needs `attribute` naming a document attribute. */
  attribute_required: 400,
  /** "Code all hits" would code `params.hits` hits, more than `params.max` at once. */
  too_many_hits: 400,
  /** Anchors or offsets do not point at text in this document. */
  invalid_segment: 400,
  /** A request that needs a file got none (`params.field`, the multipart field). */
  file_required: 400,
  /** A text file is not UTF-8. */
  file_not_utf8: 400,
  /** Text (`params.field`) contains NUL characters or lone surrogates. */
  invalid_text: 400,
  /** A zip archive was uploaded as a text format (`params.format`); Word files must be named .docx. */
  zip_not_text: 400,
  /** An old binary Word .doc was uploaded; save it as .docx. */
  word_doc_not_docx: 400,
  /** A .docx file cannot be read (not a zip archive, or no document inside). */
  unreadable_docx: 400,
  /** A subtitle file (`params.format`: `vtt` or `srt`) has no valid cue, no cue text or a bad cue timing (`params.line`). */
  unreadable_subtitles: 400,
  /** A REFI-QDA file (.qdpx, .qde, .qdc) cannot be read. */
  unreadable_refi_qda: 400,
  /** Multipart `attributes` is not a JSON object of string values. */
  invalid_attributes: 400,
  /** `locale` (or the older `lang`) is neither `en` nor `nb`. */
  invalid_locale: 400,

  // ── 401: who is calling is not established ─────────────────────────────────────────────────────────
  /** No valid access token: sign in first. */
  unauthenticated: 401,
  /** Sign-in with a wrong email or password (which one is not said). */
  wrong_credentials: 401,
  /** The refresh session has ended or was revoked: sign in again. */
  session_ended: 401,
  /** The token names an account that no longer exists. */
  account_gone: 401,
  /** `/metrics` needs the bearer token configured in TOLK_METRICS_TOKEN. */
  metrics_token_required: 401,

  // ── 403: known caller, not allowed ─────────────────────────────────────────────────────────────────
  /** The caller's role (`params.role`) may not do this in this project. */
  role_forbidden: 403,
  /** Self-registration is switched off on this server. */
  registration_closed: 403,
  /** The current password given to change it is wrong. */
  wrong_current_password: 403,
  /** With blind coding on, only the owner and supervisors compare coders, and only the owner sees others' codings. */
  blind_coding: 403,
  /** Only a comment's author may edit its body. */
  not_comment_author: 403,
  /** Only a comment's author or the project's owner may delete it. */
  comment_delete_forbidden: 403,
  /** Only the person who coded a batch of search hits, or an owner, may undo it. */
  not_batch_author: 403,
  /** Only the person who saved a query, or an owner, may change or delete it. */
  not_query_author: 403,
  /** A state-changing request with the session cookie came from another site (CSRF). */
  cross_site_request: 403,

  // ── 404 ────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * The thing (or the route) does not exist, or the caller is not a member of its project: both
   * answer exactly alike, so a project's existence is never revealed.
   */
  not_found: 404,
  /** No account has this email (adding a member by email). */
  unknown_account: 404,
  /** Sign-in through an identity provider is not configured on this server. */
  oidc_not_configured: 404,

  // ── 405 ────────────────────────────────────────────────────────────────────────────────────────────
  /** Snapshots are immutable: they cannot be changed or deleted. */
  snapshot_immutable: 405,

  // ── 409: conflicts with the current state ──────────────────────────────────────────────────────────
  /** Someone changed it first; `params.version` is the current version. Reload and try again. */
  stale_version: 409,
  /** Someone changed the memo since the `version` the change was made from; `params.version` is the current one. */
  memo_changed: 409,
  /** A code named `params.name` already exists at this level of the codebook. */
  duplicate_name: 409,
  /** Another active code of the project (`params.name`) already has the shortcut key `params.shortcut`. */
  shortcut_taken: 409,
  /** The proposal was decided already (`params.status`: `accepted` or `declined`). */
  proposal_decided: 409,
  /** `params.codings` codings still use the code; delete with `?force=true` to remove them too. */
  code_in_use: 409,
  /** The project has a saved query named `params.name` already. */
  query_name_taken: 409,
  /** An account with this email already exists. */
  email_taken: 409,
  /** `params.name` is already a member of this project. */
  already_member: 409,
  /** The project's last owner cannot leave or lose the owner role. */
  last_owner: 409,
  /** The caller alone owns `params.projects` (`[{id, name}]`): hand them over or delete them first. */
  sole_owner: 409,
  /** The coding to adopt is already the caller's. */
  already_yours: 409,
  /** The coded text was deleted; there is nothing to adopt. */
  text_deleted: 409,
  /** The caller already has this code on this very segment (`params.codingId`, their coding). */
  duplicate_coding: 409,
  /** The codebook has no codes to export. */
  empty_codebook: 409,
  /** There is no pseudonym key list to apply yet. */
  no_key_list: 409,
  /** The stored pseudonym key list cannot be read with the current secret. */
  key_list_unreadable: 409,
  /** The transcript has a recording (or an upload under way) already: delete it first. */
  recording_exists: 409,
  /** A recording upload's `Upload-Offset` is not where the upload stands (`params.offset`): ask with HEAD and go on from there. */
  upload_offset_mismatch: 409,
  /** More bytes were sent than the upload announced (`params.size`). */
  upload_too_long: 409,

  // ── 413: too large ─────────────────────────────────────────────────────────────────────────────────
  /** An uploaded file is larger than `params.maxBytes`. */
  file_too_large: 413,
  /** A transcript's text is larger than `params.maxBytes` of UTF-8. */
  text_too_large: 413,
  /** A zip file (a .docx or .qdpx) unpacks to more than its limit. */
  unpacked_too_large: 413,
  /** The request body is larger than the server accepts. */
  body_too_large: 413,
  /** Reading an uploaded file needed more memory than the server allows one file (a hostile or broken file). */
  file_too_complex: 413,
  /** Reading an uploaded file took longer than `params.seconds`. */
  parsing_timed_out: 413,

  // ── 415 ────────────────────────────────────────────────────────────────────────────────────────────
  /** The file type is not one that can be imported here; `params.accepted` lists the extensions that can. */
  unsupported_file_type: 415,
  /** The request's Content-Type is not one this route reads. */
  unsupported_media_type: 415,
  /** A recording is not audio Tolk can play (mp3, m4a/AAC, wav, ogg/opus, webm), by its announced type or its bytes. */
  unsupported_recording: 415,

  // ── 416 ────────────────────────────────────────────────────────────────────────────────────────────
  /** The `Range` asked for lies outside the recording (`params.size`, its length in bytes) or cannot be read. */
  range_not_satisfiable: 416,

  // ── 429: try again later (`params.seconds`, also in Retry-After) ───────────────────────────────────
  /** Too many failed sign-ins for this email or from this address. */
  too_many_sign_ins: 429,
  /** Too many wrong current passwords at `POST /api/auth/password` for this account; `params.seconds` until the next try. */
  too_many_password_attempts: 429,
  /** Too many new accounts from this address. */
  too_many_registrations: 429,
  /** Too many imports by this user in a short time. */
  too_many_imports: 429,
  /** Too many exports by this user in a short time. */
  too_many_exports: 429,
  /** Too many file uploads (transcripts) by this user in a short time. */
  too_many_uploads: 429,
  /** Too many invitations by this user in a short time. */
  too_many_invitations: 429,

  // ── 503 ────────────────────────────────────────────────────────────────────────────────────────────
  /** The database cannot be reached; try again in a moment (Retry-After). */
  database_unavailable: 503,
  /** The server is reading many uploaded files now; try again in `params.seconds`. */
  parser_busy: 503,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 416 | 429 | 503>;

export type ErrorReason = keyof typeof ERROR_REASONS;

/** Every reason, for clients that check their translations against the catalogue. */
export const ERROR_REASON_LIST = Object.keys(ERROR_REASONS) as readonly ErrorReason[];

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && Object.hasOwn(ERROR_REASONS, value);
}

/** A field that failed validation and the class-validator rules it broke (e.g. `isEmail`, `minLength`). */
export interface InvalidField {
  field: string;
  rules: string[];
}

/** The `params` a reason carries; reasons not listed carry none. */
export interface ErrorParams {
  invalid_input: { fields: InvalidField[] };
  code_not_in_project: { field: string };
  invalid_date: { field: string };
  invalid_id_list: { field: string; max?: number };
  pseudonym_listed_twice: { name: string };
  invalid_filter: { field: string; max?: number };
  invalid_query: { path: string };
  too_many_hits: { hits: number; max: number };
  file_required: { field: string };
  invalid_text: { field: string };
  zip_not_text: { format: string };
  unreadable_subtitles: { format: 'vtt' | 'srt'; line?: number };
  role_forbidden: { role: string };
  stale_version: { version: number };
  memo_changed: { version: string };
  duplicate_name: { name: string };
  query_name_taken: { name: string };
  shortcut_taken: { shortcut: string; name: string };
  proposal_decided: { status: string };
  proposal_incomplete: { field: string };
  code_in_use: { codings: number };
  duplicate_coding: { codingId: string };
  already_member: { name: string };
  sole_owner: { projects: { id: string; name: string }[] };
  /** Absent when a library refused the upload (the route's limit is in its documentation). */
  file_too_large: { maxBytes?: number };
  text_too_large: { maxBytes: number };
  unsupported_file_type: { accepted: string[] };
  upload_offset_mismatch: { offset: number };
  upload_too_long: { size: number };
  unsupported_recording: { accepted: string[] };
  range_not_satisfiable: { size: number };
  too_many_sign_ins: { seconds: number };
  too_many_password_attempts: { seconds: number };
  too_many_registrations: { seconds: number };
  too_many_imports: { seconds: number };
  too_many_exports: { seconds: number };
  too_many_uploads: { seconds: number };
  too_many_invitations: { seconds: number };
  parsing_timed_out: { seconds: number };
  database_unavailable: { seconds: number };
  parser_busy: { seconds: number };
}

/** The params of reason `R`: its entry in {@link ErrorParams}, or nothing. */
export type ParamsOf<R extends ErrorReason> = R extends keyof ErrorParams ? ErrorParams[R] : undefined;

/** The NestJS error shape every 4xx/5xx answer has, plus `reason`. */
export interface ApiError {
  statusCode: number;
  error: string;
  /** What went wrong in English, for people reading the JSON; for 400 one entry per failing field. */
  message: string | string[];
  /** Why, as a stable code to translate (every 4xx and the 503 have one; a 500 may not). */
  reason?: ErrorReason;
  /** Facts the message needs, per {@link ErrorParams}. */
  params?: Record<string, unknown>;
  /** `{reason, ...params}`, kept for clients that read `details.reason`. */
  details?: { reason: string } & Record<string, unknown>;
}

export interface HealthResponse {
  status: 'ok' | 'error';
  db: 'up' | 'down';
}
