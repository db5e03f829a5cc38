import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Coding, CodingVersion, CreateCodingRequest, UpdateCodingRequest } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** Code assignments of a transcript (docs/api.md, "Codings"). */
@Injectable({ providedIn: 'root' })
export class CodingsApi {
  private readonly http = inject(HttpClient);

  list(documentId: string): Promise<Coding[]> {
    return firstValueFrom(this.http.get<Coding[]>(`/api/documents/${enc(documentId)}/codings`));
  }

  /** Anchors made from the selection in the live Y.Doc, so concurrent edits cannot move the segment. */
  create(documentId: string, request: CreateCodingRequest): Promise<Coding> {
    return firstValueFrom(this.http.post<Coding>(`/api/documents/${enc(documentId)}/codings`, request));
  }

  /** 409 when someone changed the coding since `version`. */
  update(codingId: string, request: UpdateCodingRequest): Promise<Coding> {
    return firstValueFrom(this.http.patch<Coding>(`/api/codings/${enc(codingId)}`, request));
  }

  remove(codingId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/codings/${enc(codingId)}`));
  }

  restore(codingId: string): Promise<Coding> {
    return firstValueFrom(this.http.post<Coding>(`/api/codings/${enc(codingId)}/restore`, {}));
  }

  /** Every version, oldest first. */
  history(codingId: string): Promise<CodingVersion[]> {
    return firstValueFrom(this.http.get<CodingVersion[]>(`/api/codings/${enc(codingId)}/history`));
  }
}

const enc = encodeURIComponent;
