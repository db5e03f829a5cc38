import { Injectable } from '@nestjs/common';
import type { RecordingInfo } from '@tolk/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { TokensService } from '../auth/tokens.service.js';
import { InjectSettings, type RuntimeSettings } from '../config/settings.module.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { DocumentsService } from '../documents/documents.service.js';
import type { Actor } from '../platform/actor.js';
import { DomainError, notFound, unauthenticated } from '../platform/domain-error.js';
import { isUuid } from '../platform/parse-id.pipe.js';
import { type ByteRange, parseByteRange } from './byte-range.js';
import { RecordingCipher } from './recording-cipher.js';
import type { RecordingEntity } from './recording.entities.js';
import { RECORDING_CHUNK_BYTES } from './recording-uploads.service.js';
import { RecordingsRepository } from './recordings.repository.js';

/** How long the ticket in `audioUrl` lets a browser's `<audio>` element fetch the recording. */
const TICKET_SECONDS = 4 * 60 * 60;

/** A listener's playing of a recording is audited once per this long (the repository's window too). */
const PLAYED_WINDOW_MS = 10 * 60 * 1000;
/** Listeners this instance remembers having audited, at most (oldest forgotten first). */
const PLAYED_REMEMBERED = 10_000;

/**
 * Chunks read from the database per query while streaming (512 KiB of audio). Each listener holds
 * one read's rows (as hex text and as bytes) while it is decrypted, so this bounds the memory ten
 * listeners take; more per read saved no measurable time.
 */
const CHUNKS_PER_READ = 2;

/** Who asks for the audio: a bearer token, or the ticket from `audioUrl`. */
export interface AudioCredentials {
  bearer?: string;
  ticket?: string;
}

/** What the audio route sends: the whole file (200) or one range (206), as a stream of decrypted bytes. */
export interface AudioAnswer {
  contentType: string;
  size: number;
  range: ByteRange | undefined;
  body: AsyncIterable<Buffer>;
}

/** A recording as an export carries it: its file name in `sources/` and its plaintext. */
export interface ExportedRecording {
  documentId: string;
  fileName: string;
  data: Buffer;
}

/** The file name extension of each type the bytes can turn out to be. */
const AUDIO_EXTENSIONS: Partial<Record<string, string>> = {
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'audio/webm': 'webm',
};

/** Playing and deleting a transcript's recording (uploads: RecordingUploadsService). */
@Injectable()
export class RecordingsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly recordings: RecordingsRepository,
    private readonly documents: DocumentsService,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    private readonly cipher: RecordingCipher,
    @InjectSettings() private readonly settings: RuntimeSettings,
  ) {}

  /**
   * When this instance last wrote a listener's `recording.played` (by
   * `userId:recordingId`): a player asks for a range at every seek, and
   * within the window the audit transaction (lock, look-up) would only find
   * the entry again, before the first byte. Another instance's entry is still
   * found in the database.
   */
  private readonly auditedPlays = new Map<string, number>();

  async info(actor: Actor, documentId: string): Promise<RecordingInfo> {
    const { document } = await this.documents.loadFor(actor, documentId, 'read');
    const row = await this.recordings.info(document.id);
    if (!row) throw notFound('Recording');
    const ticket = this.ticket(actor.userId, document.id, Math.floor(Date.now() / 1000) + TICKET_SECONDS);
    return {
      ...row,
      audioUrl: `/api/documents/${document.id}/recording/audio?ticket=${ticket}`,
      pseudonymised: false,
    };
  }

  /**
   * The bytes of the recording, or the one range asked for, decrypting only
   * the chunks it covers, a few at a time as the client reads. Members only;
   * each listener's playing is audited once per recording per ten minutes.
   */
  async audio(
    credentials: AudioCredentials,
    documentId: string,
    rangeHeader: string | undefined,
  ): Promise<AudioAnswer> {
    // The recording's few columns are looked up while the caller is checked (a seek waits for
    // the slower of the two, not both); nothing of it is used or sent before the membership check.
    const [actor, recording] = await Promise.all([
      this.caller(credentials, documentId),
      this.recordings.playable(documentId),
    ]);
    const { document } = await this.documents.loadFor(actor, documentId, 'read');
    if (!recording) throw notFound('Recording');
    const range = parseByteRange(rangeHeader, recording.size);
    if (range === null)
      throw new DomainError('range_not_satisfiable', `The recording has ${recording.size} bytes`, {
        size: recording.size,
      });
    await this.auditPlaying(actor, document.projectId, document.id, recording.id);
    const { start, end } = range ?? { start: 0, end: recording.size - 1 };
    return {
      contentType: recording.contentType,
      size: recording.size,
      range,
      body: this.bytes(recording.id, start, end),
    };
  }

  private async auditPlaying(actor: Actor, projectId: string, documentId: string, recordingId: string): Promise<void> {
    const key = `${actor.userId}:${recordingId}`;
    const now = Date.now();
    if (now - (this.auditedPlays.get(key) ?? -Infinity) < PLAYED_WINDOW_MS) return;
    const recorded = await this.transactions.run(async (tx) => {
      // One listener's requests (a player asks for many ranges) wait for each other here: one entry.
      await this.transactions.lock(`recording.played:${key}`, tx);
      if (await this.recordings.playedRecently(actor.userId, recordingId, tx)) return false;
      await this.audit.log('recording.played', { projectId, documentId, recordingId }, { actor, tx });
      return true;
    });
    if (!recorded) return;
    // Remembered once committed (oldest first out).
    this.auditedPlays.delete(key);
    this.auditedPlays.set(key, now);
    if (this.auditedPlays.size > PLAYED_REMEMBERED) this.auditedPlays.delete(this.auditedPlays.keys().next().value!);
  }

  /**
   * Every complete recording of the project, decrypted, for a REFI-QDA export
   * the owner asked to include them in (the caller checks `exportRecordings`).
   * Each is audited as `recording.exported`: the voices leave Tolk.
   */
  async forExport(actor: Actor, projectId: string): Promise<ExportedRecording[]> {
    const found = await this.recordings.completeOfProject(projectId);
    const exported: ExportedRecording[] = [];
    for (const recording of found) {
      const pieces: Buffer[] = [];
      for await (const piece of this.bytes(recording.id, 0, recording.size - 1)) pieces.push(piece);
      exported.push({
        documentId: recording.documentId,
        fileName: `${recording.id}.${AUDIO_EXTENSIONS[recording.contentType] ?? 'audio'}`,
        data: Buffer.concat(pieces),
      });
      await this.audit.log(
        'recording.exported',
        { projectId, documentId: recording.documentId, recordingId: recording.id },
        { actor },
      );
    }
    return exported;
  }

  /** Deletes the recording and all its bytes in one transaction, with its audit entry (owner). */
  async remove(actor: Actor, documentId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const { document } = await this.documents.loadFor(actor, documentId, 'deleteRecordings', tx);
      const recording = await this.recordings.lockByDocument(document.id, tx);
      if (!recording) throw notFound('Recording');
      await this.erase(recording, actor, tx);
    });
  }

  /**
   * Deletes a locked recording and every chunk of it, and audits it as
   * `recording.deleted` by `actor` (null: the server, e.g. the retention
   * sweep, with `details` saying why).
   */
  async erase(
    recording: RecordingEntity,
    actor: Actor | null,
    tx: Tx,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const chunks = await this.recordings.delete(recording.id, tx);
    await this.audit.log(
      'recording.deleted',
      {
        projectId: recording.projectId,
        documentId: recording.documentId,
        recordingId: recording.id,
        size: Number(recording.size),
        durationMs: recording.durationMs,
        complete: recording.completedAt !== null,
        chunks,
        ...details,
      },
      { actor, tx, ...(actor ? {} : { request: null }) },
    );
  }

  private async *bytes(recordingId: string, start: number, end: number): AsyncGenerator<Buffer> {
    const first = Math.floor(start / RECORDING_CHUNK_BYTES);
    const last = Math.floor(end / RECORDING_CHUNK_BYTES);
    // The first read takes one chunk, so the first byte of a seek (a player asks for `bytes=N-`)
    // waits for 256 KiB, not for the 512 KiB of a full read.
    for (let from = first, count = 1; from <= last; from += count, count = CHUNKS_PER_READ) {
      const chunks = await this.recordings.chunks(recordingId, from, Math.min(last, from + count - 1));
      for (const chunk of chunks) {
        const plain = await this.cipher.open(recordingId, chunk.seq, chunk.nonce, chunk.data);
        const at = chunk.seq * RECORDING_CHUNK_BYTES;
        yield plain.subarray(Math.max(0, start - at), Math.min(plain.length, end + 1 - at));
      }
    }
  }

  /** The caller by bearer token, else by a ticket for this document; 401 without either. */
  private async caller(credentials: AudioCredentials, documentId: string): Promise<Actor> {
    if (credentials.bearer) {
      const userId = await this.tokens.verify(credentials.bearer, 'access');
      if (userId) return { userId };
    } else if (credentials.ticket) {
      const [userId, expires] = credentials.ticket.split('.');
      if (
        userId &&
        isUuid(userId) &&
        Number(expires) > Date.now() / 1000 &&
        this.sameTicket(credentials.ticket, this.ticket(userId, documentId, Number(expires)))
      )
        return { userId };
    }
    throw unauthenticated('unauthenticated', 'Sign in first: a valid access token or ticket is required');
  }

  private ticket(userId: string, documentId: string, expires: number): string {
    const mac = createHmac('sha256', this.settings.secret)
      .update(`recording-audio:${documentId}:${userId}:${expires}`)
      .digest('base64url');
    return `${userId}.${expires}.${mac}`;
  }

  private sameTicket(given: string, expected: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
