import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditPage, AuditQuery } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** A project's audit log, for its owner (docs/api.md, "Privacy and audit"). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(projectId: string, query: AuditQuery): Promise<AuditPage> {
    return firstValueFrom(
      this.http.get<AuditPage>(`/api/projects/${encodeURIComponent(projectId)}/audit`, { params: params(query) }),
    );
  }

  /** The CSV as a file (fetched with the access token, so not a plain link). */
  csv(projectId: string, query: AuditQuery): Promise<Blob> {
    return firstValueFrom(
      this.http.get(`/api/projects/${encodeURIComponent(projectId)}/audit.csv`, {
        params: params(query),
        responseType: 'blob',
      }),
    );
  }
}

function params(query: AuditQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).flatMap(([key, value]) =>
      value === undefined || value === '' ? [] : [[key, String(value)]],
    ),
  );
}
