import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Memo, MemoSummary } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** The project's memos (docs/api.md, "Comments and memos"). */
@Injectable({ providedIn: 'root' })
export class MemosApi {
  private readonly http = inject(HttpClient);

  list(projectId: string): Promise<MemoSummary[]> {
    return firstValueFrom(this.http.get<MemoSummary[]>(`/api/projects/${encodeURIComponent(projectId)}/memos`));
  }

  /** The project's own memo (made the first time anyone asks). */
  projectMemo(projectId: string): Promise<Memo> {
    return firstValueFrom(this.http.get<Memo>(`/api/projects/${encodeURIComponent(projectId)}/memo`));
  }
}
