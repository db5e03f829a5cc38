import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Comment, CommentThread, CreateCommentRequest, Memo, UpdateCommentRequest } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** Where a memo hangs: a project, a document or a code, or a memo by its own id (docs/api.md, "Comments and memos"). */
export type MemoTarget = { kind: 'project' | 'document' | 'code' | 'memo'; id: string };

/** Comments on a transcript, and memos. */
@Injectable({ providedIn: 'root' })
export class CommentsApi {
  private readonly http = inject(HttpClient);

  threads(documentId: string): Promise<CommentThread[]> {
    return firstValueFrom(this.http.get<CommentThread[]>(`/api/documents/${enc(documentId)}/comments`));
  }

  /** A root comment (anchored or on the whole document) or, with `parentId`, a reply. */
  create(documentId: string, request: CreateCommentRequest): Promise<Comment> {
    return firstValueFrom(this.http.post<Comment>(`/api/documents/${enc(documentId)}/comments`, request));
  }

  update(commentId: string, request: UpdateCommentRequest): Promise<Comment> {
    return firstValueFrom(this.http.patch<Comment>(`/api/comments/${enc(commentId)}`, request));
  }

  memo(target: MemoTarget): Promise<Memo> {
    return firstValueFrom(this.http.get<Memo>(memoPath(target)));
  }

  /** A new, empty memo on a passage of the transcript, anchored like a coding. */
  createSegmentMemo(documentId: string, anchors: { startAnchor: string; endAnchor: string }): Promise<Memo> {
    return firstValueFrom(this.http.post<Memo>(`/api/documents/${enc(documentId)}/memos`, anchors));
  }
}

function memoPath({ kind, id }: MemoTarget): string {
  if (kind === 'memo') return `/api/memos/${enc(id)}`;
  const base = kind === 'project' ? 'projects' : kind === 'document' ? 'documents' : 'codes';
  return `/api/${base}/${enc(id)}/memo`;
}

const enc = encodeURIComponent;
