import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateDeadlineRequest,
  Deadline,
  RestoreResult,
  Snapshot,
  SnapshotDiff,
  SnapshotDocument,
  SnapshotSummary,
} from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

const enc = encodeURIComponent;

/** Snapshots and deadlines (docs/api.md, "Snapshots and deadlines"). */
@Injectable({ providedIn: 'root' })
export class SnapshotsApi {
  private readonly http = inject(HttpClient);

  list(projectId: string): Promise<SnapshotSummary[]> {
    return firstValueFrom(this.http.get<SnapshotSummary[]>(`/api/projects/${enc(projectId)}/snapshots`));
  }

  take(projectId: string, name: string): Promise<SnapshotSummary> {
    return firstValueFrom(this.http.post<SnapshotSummary>(`/api/projects/${enc(projectId)}/snapshots`, { name }));
  }

  get(snapshotId: string): Promise<Snapshot> {
    return firstValueFrom(this.http.get<Snapshot>(`/api/snapshots/${enc(snapshotId)}`));
  }

  document(snapshotId: string, documentId: string): Promise<SnapshotDocument> {
    return firstValueFrom(
      this.http.get<SnapshotDocument>(`/api/snapshots/${enc(snapshotId)}/documents/${enc(documentId)}`),
    );
  }

  /** From the snapshot to another snapshot of the project, or to `current`. */
  diff(snapshotId: string, against: string): Promise<SnapshotDiff> {
    return firstValueFrom(
      this.http.get<SnapshotDiff>(`/api/snapshots/${enc(snapshotId)}/diff`, { params: { against } }),
    );
  }

  restore(snapshotId: string): Promise<RestoreResult> {
    return firstValueFrom(this.http.post<RestoreResult>(`/api/snapshots/${enc(snapshotId)}/restore`, {}));
  }

  deadlines(projectId: string): Promise<Deadline[]> {
    return firstValueFrom(this.http.get<Deadline[]>(`/api/projects/${enc(projectId)}/deadlines`));
  }

  addDeadline(projectId: string, request: CreateDeadlineRequest): Promise<Deadline> {
    return firstValueFrom(this.http.post<Deadline>(`/api/projects/${enc(projectId)}/deadlines`, request));
  }

  removeDeadline(deadlineId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/deadlines/${enc(deadlineId)}`));
  }
}
