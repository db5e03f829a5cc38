import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AgreementDocuments, AgreementDocumentView, AgreementResult, Coding } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';
import { downloadFile } from '../core/http/download';

/** Two sides of a comparison: each one coder or a group of coders. */
export interface AgreementSides {
  coderA: string[];
  coderB: string[];
}

/** Intercoder agreement and adjudication (docs/api.md, "Intercoder agreement"). */
@Injectable({ providedIn: 'root' })
export class AgreementApi {
  private readonly http = inject(HttpClient);

  figures(
    projectId: string,
    sides: AgreementSides,
    documentIds: string[],
    documents: AgreementDocuments = 'both',
  ): Promise<AgreementResult> {
    const params = figureParams(sides, documentIds, documents);
    return firstValueFrom(this.http.get<AgreementResult>(base(projectId), { params }));
  }

  /** The agreement table as a file (with the method paragraph), for the same choice, in `locale`. */
  download(
    projectId: string,
    file: 'agreement.xlsx' | 'agreement.csv' | 'agreement.docx',
    sides: AgreementSides,
    documentIds: string[],
    documents: AgreementDocuments,
    locale: string,
  ): Promise<void> {
    const params: Record<string, string> = {
      coderA: sides.coderA.join(','),
      coderB: sides.coderB.join(','),
      documents,
      locale,
    };
    if (documentIds.length > 0) params['documentId'] = documentIds.join(',');
    return downloadFile(this.http, `/api/projects/${encodeURIComponent(projectId)}/analysis/${file}`, params, file);
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
const figureParams = (sides: AgreementSides, documentIds: string[], documents: AgreementDocuments) => {
  const params = sideParams(sides).set('documents', documents);
  return documentIds.length > 0 ? params.set('documentId', documentIds.join(',')) : params;
};
const sideParams = (sides: AgreementSides) =>
  new HttpParams().set('coderA', sides.coderA.join(',')).set('coderB', sides.coderB.join(','));
