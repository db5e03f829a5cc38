import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Memo, MemoHistory, MemoSummary } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';
import { downloadFile } from '../core/http/download';

/** The project's memos (docs/api.md, "Comments and memos"). */
@Injectable({ providedIn: 'root' })
export class MemosApi {
  private readonly http = inject(HttpClient);

  list(projectId: string): Promise<MemoSummary[]> {
    return firstValueFrom(this.http.get<MemoSummary[]>(`/api/projects/${encodeURIComponent(projectId)}/memos`));
  }

  /** Who wrote what: the memo's text in runs by author, and its edit sessions. */
  history(memoId: string): Promise<MemoHistory> {
    return firstValueFrom(this.http.get<MemoHistory>(`/api/memos/${encodeURIComponent(memoId)}/history`));
  }

  /** Every memo of the project as one Word file, headings in `lang`. */
  downloadDocx(projectId: string, lang: string): Promise<void> {
    return downloadFile(
      this.http,
      `/api/projects/${encodeURIComponent(projectId)}/memos.docx`,
      { locale: lang },
      'memos.docx',
    );
  }

  /** The project's own memo (made the first time anyone asks). */
  projectMemo(projectId: string): Promise<Memo> {
    return firstValueFrom(this.http.get<Memo>(`/api/projects/${encodeURIComponent(projectId)}/memo`));
  }
}
