import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  DocumentActivity,
  Notification,
  NotificationSettings,
  ProjectCommentThread,
  UnreadCount,
} from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';

/** The filters of the project's comments page (docs/api.md, "Comments and memos"). */
export interface ThreadQuery {
  status?: 'open' | 'resolved';
  mentions?: 'me';
  author?: string;
  documentId?: string;
}

/** Notifications, the project's comment threads and the document list's activity (docs/api.md, "Notifications"). */
@Injectable({ providedIn: 'root' })
export class TogetherApi {
  private readonly http = inject(HttpClient);

  notifications(unreadOnly = false): Promise<Notification[]> {
    return firstValueFrom(
      this.http.get<Notification[]>('/api/notifications', { params: unreadOnly ? { unread: 'true' } : {} }),
    );
  }

  async unreadCount(): Promise<number> {
    return (await firstValueFrom(this.http.get<UnreadCount>('/api/notifications/unread-count'))).count;
  }

  markRead(ids: string[] | 'all'): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/notifications/read', ids === 'all' ? { all: true } : { ids }));
  }

  settings(): Promise<NotificationSettings> {
    return firstValueFrom(this.http.get<NotificationSettings>('/api/me/notification-settings'));
  }

  saveSettings(changes: Partial<NotificationSettings>): Promise<NotificationSettings> {
    return firstValueFrom(this.http.put<NotificationSettings>('/api/me/notification-settings', changes));
  }

  threads(projectId: string, query: ThreadQuery): Promise<ProjectCommentThread[]> {
    const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
    return firstValueFrom(
      this.http.get<ProjectCommentThread[]>(`/api/projects/${enc(projectId)}/comments`, { params }),
    );
  }

  activity(projectId: string): Promise<DocumentActivity[]> {
    return firstValueFrom(this.http.get<DocumentActivity[]>(`/api/projects/${enc(projectId)}/documents/activity`));
  }

  deleteComment(commentId: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/api/comments/${enc(commentId)}`));
  }
}

const enc = encodeURIComponent;
