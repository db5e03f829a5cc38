import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AgreementDocumentView, AgreementResult, Coding } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** Two sides of a comparison: each one coder or a group of coders. */
export interface AgreementSides {
  coderA: string[];
  coderB: string[];
}

/** Intercoder agreement and adjudication (docs/api.md, "Intercoder agreement"). */
@Injectable({ providedIn: 'root' })
export class AgreementApi {
  private readonly http = inject(HttpClient);

  figures(projectId: string, sides: AgreementSides, documentIds: string[]): Promise<AgreementResult> {
    let params = sideParams(sides);
    if (documentIds.length > 0) params = params.set('documentId', documentIds.join(','));
    return firstValueFrom(this.http.get<AgreementResult>(base(projectId), { params }));
  }

  document(
    projectId: string,
    sides: AgreementSides,
    documentId: string,
    codeId: string,
  ): Promise<AgreementDocumentView> {
    const params = sideParams(sides).set('documentId', documentId).set('codeId', codeId);
    return firstValueFrom(this.http.get<AgreementDocumentView>(`${base(projectId)}/disagreements`, { params }));
  }

  /** Copies another person's coding as the caller's own. */
  adopt(projectId: string, codingId: string): Promise<Coding> {
    return firstValueFrom(this.http.post<Coding>(`${base(projectId)}/adopt`, { codingId }));
  }
}

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/analysis/agreement`;
const sideParams = (sides: AgreementSides) =>
  new HttpParams().set('coderA', sides.coderA.join(',')).set('coderB', sides.coderB.join(','));
