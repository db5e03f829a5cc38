import { Injectable, Logger } from '@nestjs/common';
import { RECORDING_CONTENT_TYPES, type RecordingUploadStarted } from '@tolk/contracts';
import { QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { Transactions } from '../database/transactions.js';
import { DocumentsService } from '../documents/documents.service.js';
import { UntrustedParser } from '../parsing/untrusted-parser.js';
import type { Actor } from '../platform/actor.js';
import { conflict, DomainError, notFound } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { ACCEPTED_RECORDINGS } from './probe-recording.js';
import { RecordingCipher } from './recording-cipher.js';
import type { RecordingEntity } from './recording.entities.js';
import { RecordingsRepository } from './recordings.repository.js';

/** Plaintext bytes per stored chunk: what a seek decrypts at least. */
export const RECORDING_CHUNK_BYTES = 256 * 1024;

export interface StartUpload {
  size: number;
  filename: string;
  contentType: string;
}

/** A tus `PATCH`: the bytes to append at `offset` (the `Upload-Offset` header). */
export interface Append {
  offset: number;
  contentType: string | undefined;
  body: AsyncIterable<Buffer>;
}

const OFFSET_STREAM = 'application/offset+octet-stream';

/** Where an upload stands (tus `HEAD`). */
export interface UploadOffset {
  offset: number;
  size: number;
}

const ACCEPTED_TYPES = new Set<string>(RECORDING_CONTENT_TYPES);

/**
 * Recording uploads: a small subset of tus 1.0 (create, `HEAD` for the
 * offset, `PATCH` to append at it). Appended bytes are cut into chunks of
 * RECORDING_CHUNK_BYTES, each sealed and committed with the new offset in one
 * transaction as soon as it is full, so an interrupted upload keeps what
 * arrived and goes on from `Upload-Offset`. When the last byte is in, the
 * whole file is read in a parser thread (type and duration from its bytes);
 * a file that is not playable audio is deleted again.
 */
@Injectable()
export class RecordingUploadsService {
  private readonly logger = new Logger('RecordingUploads');

  constructor(
    private readonly transactions: Transactions,
    private readonly recordings: RecordingsRepository,
    private readonly documents: DocumentsService,
    private readonly access: ProjectAccessService,
    private readonly parser: UntrustedParser,
    private readonly audit: AuditService,
    private readonly cipher: RecordingCipher,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  async start(actor: Actor, documentId: string, input: StartUpload): Promise<RecordingUploadStarted> {
    const contentType = input.contentType.split(';')[0].trim().toLowerCase();
    const recording = await this.transactions
      .run(async (tx) => {
        const { document } = await this.documents.loadFor(actor, documentId, 'uploadRecordings', tx);
        if (input.size > this.settings.recordingMaxBytes)
          throw new DomainError(
            'file_too_large',
            `A recording may be at most ${this.settings.recordingMaxBytes} bytes`,
            {
              maxBytes: this.settings.recordingMaxBytes,
            },
          );
        if (!ACCEPTED_TYPES.has(contentType))
          throw new DomainError('unsupported_recording', `${contentType} is not a recording type Tolk plays`, {
            accepted: ACCEPTED_RECORDINGS,
          });
        const existing = await this.recordings.lockByDocument(document.id, tx);
        if (existing) {
          // The uploader may start an unfinished upload afresh; anything else waits for a deletion.
          if (existing.completedAt !== null || existing.uploadedBy !== actor.userId)
            throw conflict('recording_exists', 'This transcript has a recording already: delete it first');
          await this.recordings.delete(existing.id, tx);
        }
        return this.recordings.insert(
          {
            documentId: document.id,
            projectId: document.projectId,
            filename: input.filename.slice(0, 255),
            contentType,
            size: input.size,
            uploadedBy: actor.userId,
          },
          tx,
        );
      })
      .catch((error: unknown) => {
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505')
          throw conflict('recording_exists', 'This transcript has a recording already: delete it first');
        throw error;
      });
    return { uploadUrl: `/api/recording-uploads/${recording.id}` };
  }

  async offset(actor: Actor, uploadId: string): Promise<UploadOffset> {
    const upload = await this.uploadFor(actor, uploadId);
    return { offset: Number(upload.received), size: Number(upload.size) };
  }

  /**
   * Appends `body` at `offset` (tus `PATCH`) and answers the new offset. A
   * body cut off half way still stores what arrived (the promise then
   * rejects with the stream's error, after storing).
   */
  async append(actor: Actor, uploadId: string, { offset, contentType, body }: Append): Promise<UploadOffset> {
    const upload = await this.uploadFor(actor, uploadId);
    if (contentType?.split(';')[0]?.trim() !== OFFSET_STREAM)
      throw new DomainError('unsupported_media_type', `Send the bytes as ${OFFSET_STREAM}`);
    if (!Number.isSafeInteger(offset) || offset < 0)
      throw new DomainError('invalid_input', 'Upload-Offset must be a whole number of bytes', {
        fields: [{ field: 'Upload-Offset', rules: ['isInt'] }],
      });
    const size = Number(upload.size);
    let stored = Number(upload.received);
    if (offset !== stored || upload.completedAt !== null)
      throw conflict('upload_offset_mismatch', `The upload stands at ${stored} bytes, not ${offset}`, {
        offset: stored,
      });
    // `pending` holds the bytes of chunk `base / CHUNK` onwards that are not yet in a full chunk.
    let base = stored - (stored % RECORDING_CHUNK_BYTES);
    let pending = base < stored ? await this.readChunk(upload.id, base / RECORDING_CHUNK_BYTES) : Buffer.alloc(0);
    const flush = async (final: boolean) => {
      while (pending.length >= RECORDING_CHUNK_BYTES || (final && base + pending.length > stored)) {
        const piece = pending.subarray(0, RECORDING_CHUNK_BYTES);
        const seq = base / RECORDING_CHUNK_BYTES;
        const sealed = await this.cipher.seal(upload.id, seq, piece);
        const next = base + piece.length;
        const moved = await this.transactions.run(async (tx) => {
          if (!(await this.recordings.advance(upload.id, stored, next, tx))) return false;
          await this.recordings.putChunk(upload.id, { seq, ...sealed }, tx);
          return true;
        });
        if (!moved) throw conflict('upload_offset_mismatch', 'Another request appended to this upload', { offset });
        stored = next;
        if (piece.length < RECORDING_CHUNK_BYTES) return;
        pending = pending.subarray(RECORDING_CHUNK_BYTES);
        base = next;
      }
    };
    try {
      for await (const data of body) {
        if (base + pending.length + data.length > size)
          throw conflict('upload_too_long', `The upload announced ${size} bytes`, { size });
        pending = Buffer.concat([pending, data]);
        if (pending.length >= RECORDING_CHUNK_BYTES) await flush(false);
      }
    } catch (error) {
      // Keep what arrived before the connection broke; a refused body keeps only what came before it.
      if (!(error instanceof DomainError)) await flush(true).catch(() => undefined);
      throw error;
    }
    await flush(true);
    if (stored === size) await this.complete(actor, upload);
    return { offset: stored, size };
  }

  /** Reads the whole file in a parser thread; keeps it with its type and duration, or deletes it. */
  private async complete(actor: Actor, upload: RecordingEntity): Promise<void> {
    const bytes = Buffer.allocUnsafeSlow(Number(upload.size));
    const last = Math.ceil(bytes.length / RECORDING_CHUNK_BYTES) - 1;
    for (let from = 0; from <= last; from += 16) {
      for (const chunk of await this.recordings.chunks(upload.id, from, Math.min(last, from + 15)))
        (await this.cipher.open(upload.id, chunk.seq, chunk.nonce, chunk.data)).copy(
          bytes,
          chunk.seq * RECORDING_CHUNK_BYTES,
        );
    }
    let probe;
    try {
      probe = await this.parser.run({ kind: 'recording', bytes: new Uint8Array(bytes.buffer, 0, bytes.length) });
    } catch (error) {
      await this.transactions.run((tx) => this.recordings.delete(upload.id, tx));
      throw error;
    }
    await this.transactions.run(async (tx) => {
      await this.recordings.complete(upload.id, probe, tx);
      await this.audit.log(
        'recording.uploaded',
        {
          projectId: upload.projectId,
          documentId: upload.documentId,
          recordingId: upload.id,
          size: Number(upload.size),
          durationMs: probe.durationMs,
        },
        { actor, tx },
      );
    });
    this.logger.log(`Recording ${upload.id} stored: ${probe.format}, ${probe.durationMs} ms`);
  }

  private async readChunk(recordingId: string, seq: number): Promise<Buffer> {
    const chunks = await this.recordings.chunks(recordingId, seq, seq);
    if (chunks.length === 0) return Buffer.alloc(0);
    return this.cipher.open(recordingId, seq, chunks[0].nonce, chunks[0].data);
  }

  /** The caller's own upload, while they may still upload to its transcript; anything else is a 404. */
  private async uploadFor(actor: Actor, uploadId: string): Promise<RecordingEntity> {
    const upload = isUuid(uploadId) ? await this.recordings.findById(uploadId) : null;
    if (!upload || upload.uploadedBy !== actor.userId) throw notFound('Upload');
    const access = await this.access.find(actor, upload.projectId);
    if (!access) throw notFound('Upload');
    this.access.check(access, 'uploadRecordings');
    return upload;
  }
}
