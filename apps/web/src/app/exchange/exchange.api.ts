import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CodebookImportResult, ProjectImportResult } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';
import { downloadFile, snapshotParams } from '../core/http/download';

/** Largest REFI-QDA upload the server takes (docs/api.md, "Exports and REFI-QDA exchange"). */
export const MAX_EXCHANGE_UPLOAD_BYTES = 50 * 1024 * 1024;

/** REFI-QDA exchange (docs/api.md, "Exports and REFI-QDA exchange"): downloads and uploads. */
@Injectable({ providedIn: 'root' })
export class ExchangeApi {
  private readonly http = inject(HttpClient);

  /**
   * Downloads the project (now, or as a snapshot froze it) as a .qdpx; with
   * `withRecordings` (the owner's tick, never a snapshot) the interview
   * recordings go along, each as an AudioSource with its transcript.
   */
  exportProject(projectId: string, snapshotId?: string, withRecordings = false): Promise<void> {
    return downloadFile(
      this.http,
      `/api/projects/${enc(projectId)}/export.qdpx`,
      withRecordings ? { ...snapshotParams(snapshotId), recordings: 'true' } : snapshotParams(snapshotId),
      'project.qdpx',
    );
  }

  /** Downloads the codebook as a .qdc. */
  exportCodebook(projectId: string, snapshotId?: string): Promise<void> {
    return downloadFile(
      this.http,
      `/api/projects/${enc(projectId)}/codebook.qdc`,
      snapshotParams(snapshotId),
      'codebook.qdc',
    );
  }

  importProject(file: File): Promise<ProjectImportResult> {
    return firstValueFrom(this.http.post<ProjectImportResult>('/api/projects/import', formWith(file)));
  }

  importCodebook(projectId: string, file: File): Promise<CodebookImportResult> {
    return firstValueFrom(
      this.http.post<CodebookImportResult>(`/api/projects/${enc(projectId)}/codebook.qdc`, formWith(file)),
    );
  }
}

function formWith(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

const enc = encodeURIComponent;
