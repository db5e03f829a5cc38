import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PseudonymApplyResult, PseudonymList } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** A project's pseudonym key list (owner only; README, "Pseudonymisation"). */
@Injectable({ providedIn: 'root' })
export class PseudonymsApi {
  private readonly http = inject(HttpClient);

  private url(projectId: string): string {
    return `/api/projects/${encodeURIComponent(projectId)}/pseudonyms`;
  }

  get(projectId: string): Promise<PseudonymList> {
    return firstValueFrom(this.http.get<PseudonymList>(this.url(projectId)));
  }

  save(projectId: string, entries: PseudonymList['entries']): Promise<PseudonymList> {
    return firstValueFrom(this.http.put<PseudonymList>(this.url(projectId), { entries }));
  }

  apply(projectId: string): Promise<PseudonymApplyResult> {
    return firstValueFrom(this.http.post<PseudonymApplyResult>(`${this.url(projectId)}/apply`, null));
  }

  destroy(projectId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(this.url(projectId)));
  }
}
