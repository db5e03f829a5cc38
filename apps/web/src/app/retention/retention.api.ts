import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ProjectRetention } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** A project's retention date (README, "Consent and retention"). */
@Injectable({ providedIn: 'root' })
export class RetentionApi {
  private readonly http = inject(HttpClient);

  get(projectId: string): Promise<ProjectRetention> {
    return firstValueFrom(this.http.get<ProjectRetention>(`/api/projects/${encodeURIComponent(projectId)}/retention`));
  }

  set(projectId: string, retentionUntil: string | null): Promise<ProjectRetention> {
    return firstValueFrom(
      this.http.put<ProjectRetention>(`/api/projects/${encodeURIComponent(projectId)}/retention`, { retentionUntil }),
    );
  }
}
