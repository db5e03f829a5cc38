import { HttpClient, HttpEventType } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateDocumentRequest,
  DocumentAttributes,
  DocumentConsent,
  DocumentSummary,
  EraseDocumentRequest,
  ImportedDocumentSummary,
  TolkDocument,
  UpdateDocumentRequest,
} from '@tolk/contracts';
import { filter, firstValueFrom, map, tap } from 'rxjs';

export interface UploadOptions {
  title?: string;
  /** Sent as the multipart field `attributes`, a JSON object of string values. */
  attributes?: DocumentAttributes;
  /** Share of the request body sent so far, 0–1. */
  onProgress?: (fraction: number) => void;
}

/** Transcripts (docs/api.md, "Documents (transcripts)"). */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);

  list(projectId: string): Promise<DocumentSummary[]> {
    return firstValueFrom(this.http.get<DocumentSummary[]>(`/api/projects/${enc(projectId)}/documents`));
  }

  create(projectId: string, request: CreateDocumentRequest): Promise<DocumentSummary> {
    return firstValueFrom(this.http.post<DocumentSummary>(`/api/projects/${enc(projectId)}/documents`, request));
  }

  /**
   * Upload as multipart, so the server decodes the file (.txt, .docx, .vtt,
   * .srt); answers with the speakers it recognised.
   */
  upload(projectId: string, file: File, options: UploadOptions = {}): Promise<ImportedDocumentSummary> {
    const body = new FormData();
    body.append('file', file, file.name);
    if (options.title) body.append('title', options.title);
    if (options.attributes && Object.keys(options.attributes).length > 0) {
      body.append('attributes', JSON.stringify(options.attributes));
    }
    return firstValueFrom(
      this.http
        .post<ImportedDocumentSummary>(`/api/projects/${enc(projectId)}/documents`, body, {
          observe: 'events',
          reportProgress: true,
        })
        .pipe(
          tap((event) => {
            if (event.type === HttpEventType.UploadProgress && event.total) {
              options.onProgress?.(event.loaded / event.total);
            }
          }),
          filter((event) => event.type === HttpEventType.Response),
          map((event) => event.body as ImportedDocumentSummary),
        ),
    );
  }

  get(documentId: string): Promise<TolkDocument> {
    return firstValueFrom(this.http.get<TolkDocument>(`/api/documents/${enc(documentId)}`));
  }

  update(documentId: string, request: UpdateDocumentRequest): Promise<DocumentSummary> {
    return firstValueFrom(this.http.patch<DocumentSummary>(`/api/documents/${enc(documentId)}`, request));
  }

  /** The informant's consent behind this transcript (reference and date). */
  consent(documentId: string): Promise<DocumentConsent> {
    return firstValueFrom(this.http.get<DocumentConsent>(`/api/documents/${enc(documentId)}/consent`));
  }

  setConsent(documentId: string, consent: { reference: string; consentDate: string | null }): Promise<DocumentConsent> {
    return firstValueFrom(this.http.put<DocumentConsent>(`/api/documents/${enc(documentId)}/consent`, consent));
  }

  remove(documentId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/documents/${enc(documentId)}`));
  }

  /** Consent withdrawn: erased everywhere, every snapshot included (owner). */
  async erase(documentId: string, reason: string): Promise<void> {
    const body: EraseDocumentRequest = { reason };
    // 204: nothing to read back.
    await firstValueFrom(this.http.post(`/api/documents/${enc(documentId)}/erase`, body));
  }
}

const enc = encodeURIComponent;
