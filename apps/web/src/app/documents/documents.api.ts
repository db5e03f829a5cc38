import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateDocumentRequest,
  DocumentSummary,
  TolkDocument,
  UpdateDocumentRequest,
} from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** Transcripts (API.md, "Documents"). */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);

  list(projectId: string): Promise<DocumentSummary[]> {
    return firstValueFrom(
      this.http.get<DocumentSummary[]>(`/api/projects/${enc(projectId)}/documents`),
    );
  }

  create(projectId: string, request: CreateDocumentRequest): Promise<DocumentSummary> {
    return firstValueFrom(
      this.http.post<DocumentSummary>(`/api/projects/${enc(projectId)}/documents`, request),
    );
  }

  /** Upload as multipart, so the server decodes the file (.txt, .docx, .vtt, .srt). */
  upload(projectId: string, file: File, title?: string): Promise<DocumentSummary> {
    const body = new FormData();
    body.append('file', file, file.name);
    if (title) body.append('title', title);
    return firstValueFrom(
      this.http.post<DocumentSummary>(`/api/projects/${enc(projectId)}/documents`, body),
    );
  }

  get(documentId: string): Promise<TolkDocument> {
    return firstValueFrom(this.http.get<TolkDocument>(`/api/documents/${enc(documentId)}`));
  }

  update(documentId: string, request: UpdateDocumentRequest): Promise<DocumentSummary> {
    return firstValueFrom(
      this.http.patch<DocumentSummary>(`/api/documents/${enc(documentId)}`, request),
    );
  }

  remove(documentId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/documents/${enc(documentId)}`));
  }
}

const enc = encodeURIComponent;
