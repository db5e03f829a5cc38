import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CodebookImportResult, ProjectImportResult } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** Largest REFI-QDA upload the server takes (API.md, "Exchange"). */
export const MAX_EXCHANGE_UPLOAD_BYTES = 50 * 1024 * 1024;

/** REFI-QDA exchange (API.md, "Exchange"): downloads and uploads. */
@Injectable({ providedIn: 'root' })
export class ExchangeApi {
  private readonly http = inject(HttpClient);

  /** Downloads the project as a .qdpx (the browser saves it). */
  exportProject(projectId: string): Promise<void> {
    return this.download(`/api/projects/${enc(projectId)}/export.qdpx`, 'project.qdpx');
  }

  /** Downloads the codebook as a .qdc. */
  exportCodebook(projectId: string): Promise<void> {
    return this.download(`/api/projects/${enc(projectId)}/codebook.qdc`, 'codebook.qdc');
  }

  importProject(file: File): Promise<ProjectImportResult> {
    return firstValueFrom(this.http.post<ProjectImportResult>('/api/projects/import', formWith(file)));
  }

  importCodebook(projectId: string, file: File): Promise<CodebookImportResult> {
    return firstValueFrom(this.http.post<CodebookImportResult>(`/api/projects/${enc(projectId)}/codebook.qdc`, formWith(file)));
  }

  private async download(url: string, fallbackName: string): Promise<void> {
    // Through HttpClient, not a plain link: the request needs the bearer token.
    const response = await firstValueFrom(this.http.get(url, { responseType: 'blob', observe: 'response' }));
    saveBlob(response.body!, fileNameOf(response) ?? fallbackName);
  }
}

function formWith(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

/** The name the server gave the file (`filename*=UTF-8''…` first). */
function fileNameOf(response: HttpResponse<Blob>): string | undefined {
  const header = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/iu.exec(header)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]+)"/iu.exec(header)?.[1];
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Let the browser start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const enc = encodeURIComponent;
