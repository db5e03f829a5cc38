import type { RecordingInfo, RecordingRetention, RecordingUploadStarted } from '@tolk/contracts';
import { flag, id, integer, model, nullable, person, text, time } from './wire-schema.js';

/** Interview recordings. */
export const RECORDING_SCHEMAS = {
  RecordingUploadStarted: model<RecordingUploadStarted>('A tus 1.0 upload resource for the recording', {
    uploadUrl: text('HEAD answers Upload-Offset; PATCH (application/offset+octet-stream) appends at it'),
  }),
  RecordingInfo: model<RecordingInfo>("A transcript's recording, checked by its content", {
    id: id(),
    durationMs: integer(),
    contentType: text('the type read from the bytes'),
    format: text('container and codec as read from the bytes'),
    size: integer('bytes'),
    uploadedBy: { ...person, nullable: true, description: "null once the uploader's account is erased" },
    uploadedAt: time(),
    filename: text(),
    audioUrl: text('the audio route with a ticket for the caller, for an <audio> element (4 hours)'),
    pseudonymised: flag('always false: pseudonymisation changes the text, never the voices in the recording'),
  }),
  RecordingRetention: model<RecordingRetention>("The date by which the project's recordings must be deleted", {
    deleteBy: nullable(text('YYYY-MM-DD')),
    daysLeft: nullable(integer()),
    recordings: integer('recordings of the project not yet deleted'),
  }),
};
