import { Injectable, effect, inject, signal, untracked } from '@angular/core';
import type { Notification } from '@tolk/contracts';
import { AuthService } from '../core/auth/auth.service';
import { ProjectEvents } from '../core/realtime/project-events.service';
import { TogetherApi } from './together.api';

/**
 * The signed-in user's unread notifications, counted for the header. Kept
 * live by the `notification` events on the user's own socket (which needs no
 * project joined), and asked again after every reconnect and sign-in, since
 * events sent while the socket was down are lost (the database has them).
 */
@Injectable({ providedIn: 'root' })
export class InboxStore {
  private readonly api = inject(TogetherApi);
  private readonly auth = inject(AuthService);
  private readonly events = inject(ProjectEvents);

  readonly unread = signal(0);
  /** Bumped by each notification that arrives live, for pages that list them. */
  readonly arrived = signal<Notification | null>(null);

  constructor() {
    effect(() => {
      const user = this.auth.user();
      const connected = this.events.connected();
      untracked(() => {
        if (!user) {
          this.unread.set(0);
          return;
        }
        this.events.connect();
        if (connected) void this.refresh();
      });
    });
    this.events.on('notification', (notification) => {
      this.unread.update((n) => n + 1);
      this.arrived.set(notification);
    });
    this.events.on('notification:withdrawn', () => void this.refresh());
  }

  async refresh(): Promise<void> {
    if (!this.auth.user()) return;
    try {
      this.unread.set(await this.api.unreadCount());
    } catch {
      // The count waits for the next event or reconnect; nothing is lost.
    }
  }

  async markRead(ids: string[] | 'all'): Promise<void> {
    if (ids !== 'all' && ids.length === 0) return;
    await this.api.markRead(ids);
    await this.refresh();
  }
}
