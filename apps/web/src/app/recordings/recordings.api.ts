import { HttpClient, HttpEventType, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type RecordingInfo,
  type RecordingRetention,
  type RecordingUploadStarted,
  type SetRecordingRetentionRequest,
  TUS_VERSION,
} from '@tolk/contracts';
import { filter, firstValueFrom, tap } from 'rxjs';
import { errorStatus, hasReason } from '../core/http/api-error';

/** Bytes per PATCH: a broken connection costs at most this much again, and progress moves often. */
const PIECE_BYTES = 2 * 1024 * 1024;
/** Tries per piece before the upload waits for the person to resume it. */
const TRIES = 4;

export interface RecordingUploadProgress {
  /** Bytes the server has stored. */
  sent: number;
  size: number;
}

/**
 * A transcript's recording (docs/api.md, "Recordings"): its metadata, and the
 * tus 1.0 upload that survives a broken connection — after a failure it asks
 * the server where the upload stands (`HEAD`) and goes on from there.
 */
@Injectable({ providedIn: 'root' })
export class RecordingsApi {
  private readonly http = inject(HttpClient);

  /** The recording, or null when the transcript has none (or its upload is unfinished). */
  async info(documentId: string): Promise<RecordingInfo | null> {
    try {
      return await firstValueFrom(this.http.get<RecordingInfo>(`/api/documents/${enc(documentId)}/recording`));
    } catch (err) {
      if (errorStatus(err) === 404) return null;
      throw err;
    }
  }

  /** Creates the upload resource; a restarted unfinished upload of one's own begins afresh. */
  async start(documentId: string, file: File): Promise<string> {
    const started = await firstValueFrom(
      this.http.post<RecordingUploadStarted>(`/api/documents/${enc(documentId)}/recording`, {
        size: file.size,
        filename: file.name,
        contentType: file.type || guessType(file.name),
      }),
    );
    return started.uploadUrl;
  }

  /** Where the upload stands on the server. */
  async offset(uploadUrl: string): Promise<number> {
    const res = await firstValueFrom(
      this.http.head(uploadUrl, { observe: 'response', headers: { 'Tus-Resumable': TUS_VERSION } }),
    );
    return Number(res.headers.get('Upload-Offset') ?? 0);
  }

  /**
   * Sends the file from wherever the server stands, piece by piece. A piece
   * that fails is retried from the server's offset; 4xx answers other than a
   * mismatched offset end the upload (the server refused the file).
   */
  async send(
    uploadUrl: string,
    file: File,
    onProgress: (progress: RecordingUploadProgress) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    let offset = await this.offset(uploadUrl);
    let failures = 0;
    while (offset < file.size) {
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      const piece = file.slice(offset, Math.min(file.size, offset + PIECE_BYTES));
      const base = offset;
      try {
        offset = await this.patch(uploadUrl, base, piece, (loaded) =>
          onProgress({ sent: base + loaded, size: file.size }),
        );
        failures = 0;
      } catch (err) {
        const status = errorStatus(err);
        const retryable = status === 0 || status >= 500 || hasReason(err, 'upload_offset_mismatch');
        if (!retryable || ++failures >= TRIES) throw err;
        await pause(500 * 2 ** failures);
        offset = await this.offset(uploadUrl);
      }
      onProgress({ sent: offset, size: file.size });
    }
  }

  async remove(documentId: string): Promise<void> {
    // 204: nothing to read back.
    await firstValueFrom(this.http.delete(`/api/documents/${enc(documentId)}/recording`));
  }

  /** The project's date by which its recordings must be deleted. */
  retention(projectId: string): Promise<RecordingRetention> {
    return firstValueFrom(this.http.get<RecordingRetention>(`/api/projects/${enc(projectId)}/recording-retention`));
  }

  setRetention(projectId: string, deleteBy: string | null): Promise<RecordingRetention> {
    const body: SetRecordingRetentionRequest = { deleteBy };
    return firstValueFrom(
      this.http.put<RecordingRetention>(`/api/projects/${enc(projectId)}/recording-retention`, body),
    );
  }

  private async patch(uploadUrl: string, offset: number, piece: Blob, onLoaded: (n: number) => void): Promise<number> {
    const headers = new HttpHeaders({
      'Tus-Resumable': TUS_VERSION,
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
    });
    const done = await firstValueFrom(
      this.http
        .patch(uploadUrl, piece, { headers, observe: 'events', reportProgress: true, responseType: 'text' })
        .pipe(
          tap((event) => {
            if (event.type === HttpEventType.UploadProgress) onLoaded(event.loaded);
          }),
          filter((event) => event.type === HttpEventType.Response),
        ),
    );
    return Number(done.headers.get('Upload-Offset') ?? offset + piece.size);
  }
}

/** Some systems give no type for .m4a or .opus files; the server checks the bytes anyway. */
function guessType(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    mp3: 'audio/mpeg',
    m4a: 'audio/mp4',
    aac: 'audio/aac',
    mp4: 'audio/mp4',
    wav: 'audio/wav',
    ogg: 'audio/ogg',
    opus: 'audio/ogg',
    webm: 'audio/webm',
  };
  return types[ext] ?? 'application/octet-stream';
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const enc = encodeURIComponent;
