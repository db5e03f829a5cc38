import { type Signal, effect, untracked } from '@angular/core';

/**
 * Events sent while the socket was down are lost: after a reconnect, `load`
 * asks for everything again. Only while something is open (`open` true) and
 * only after a drop: the first connect needs no reload. Call it in an
 * injection context (a store's constructor).
 */
export function reloadOnReconnect(connected: Signal<boolean>, open: () => boolean, load: () => Promise<void>): void {
  let socket: 'new' | 'up' | 'down' = 'new';
  effect(() => {
    const isConnected = connected();
    if (!open()) {
      socket = 'new';
    } else if (isConnected) {
      if (socket === 'down') untracked(() => void load());
      socket = 'up';
    } else if (socket === 'up') {
      socket = 'down';
    }
  });
}
