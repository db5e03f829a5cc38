/**
 * Interview recordings (docs/api.md, "Recordings"): one per transcript, uploaded with a
 * small subset of tus 1.0, kept encrypted in PostgreSQL, played with HTTP Range.
 */

/** `POST /api/documents/:documentId/recording`: announces an upload of `size` bytes. */
export interface StartRecordingUploadRequest {
  size: number;
  filename: string;
  /** What the browser says the file is; the server checks the bytes themselves once they are all there. */
  contentType: string;
}

/** The upload resource (tus 1.0): `HEAD` answers `Upload-Offset`, `PATCH` appends at it. */
export interface RecordingUploadStarted {
  uploadUrl: string;
}

/** A transcript's recording, once its upload is complete and its content checked. */
export interface RecordingInfo {
  id: string;
  /** Length of the audio in milliseconds, read from the file. */
  durationMs: number;
  /** The type the bytes turned out to be (`audio/mpeg`, `audio/wav`, `audio/ogg`, `audio/mp4`, `audio/webm`). */
  contentType: string;
  /** The container or codec as read from the file, e.g. `MPEG 1 Layer 3`, `Ogg Opus`, `WAVE PCM`. */
  format: string;
  size: number;
  /** null once the uploader's account is erased. */
  uploadedBy: { id: string; name: string } | null;
  uploadedAt: string;
  filename: string;
  /**
   * `…/recording/audio` with a ticket for the caller in its query, so that an `<audio>` element,
   * which sends no `Authorization` header, can fetch and seek it (valid for four hours; the caller
   * must still be a member when it is used).
   */
  audioUrl: string;
  /**
   * Always `false`: pseudonymisation replaces names in the transcript's text, never in the
   * voices of the recording. The recording stays not pseudonymised until it is deleted.
   */
  pseudonymised: false;
}

/**
 * The types a browser may announce for an upload (checked again against the bytes). Browsers
 * name the same file differently (`audio/x-m4a`, `audio/x-wav`, `video/webm` from a recorder).
 */
export const RECORDING_CONTENT_TYPES = [
  'audio/mpeg',
  'audio/mp3',
  'audio/mp4',
  'audio/x-m4a',
  'audio/m4a',
  'audio/aac',
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/vnd.wave',
  'audio/ogg',
  'audio/opus',
  'audio/webm',
  'video/webm',
  'video/mp4',
] as const;

/** The file name extensions offered in the file picker. */
export const RECORDING_EXTENSIONS = ['.mp3', '.m4a', '.aac', '.mp4', '.wav', '.ogg', '.opus', '.webm'] as const;

/** The tus protocol version the upload resource speaks. */
export const TUS_VERSION = '1.0.0';

/**
 * `GET/PUT /api/projects/:projectId/recording-retention`: the project's rule that its recordings
 * be deleted by a date (as the consent letter promised). A reminder goes to the owners and the
 * uploaders `RECORDING_REMINDER_DAYS` before; once the date has come, the retention sweep deletes
 * every recording of the project (audited as `recording.deleted` by the system).
 */
export interface RecordingRetention {
  /** `YYYY-MM-DD` (UTC), or null when the project has no such rule. */
  deleteBy: string | null;
  /** Whole days until `deleteBy` (0 on the day itself), or null. */
  daysLeft: number | null;
  /** Recordings of the project not yet deleted (unfinished uploads included). */
  recordings: number;
}

export interface SetRecordingRetentionRequest {
  /** `YYYY-MM-DD`, today or later; null removes the rule. */
  deleteBy: string | null;
}

/** The reminder goes out this many days before a project's `deleteBy`. */
export const RECORDING_REMINDER_DAYS = 7;
