import type { Logger } from '@nestjs/common';
import type {
  AuthenticatedContext,
  DocumentContext,
  LiveChange,
  LiveExtension,
  LiveHost,
  LoadedDocument,
  RoomView,
} from './live-extension.js';

const DEFAULT_PRIORITY = 100;

/**
 * Runs the extensions' hooks of one stage in priority order (see
 * live-extension.ts for the stages). The lists per hook are made once: the
 * persist, broadcast and after-commit stages run for every keystroke.
 */
export class LivePipeline {
  private readonly ordered: LiveExtension[];
  private readonly persisters: LiveExtension[];
  private readonly broadcastListeners: LiveExtension[];
  private readonly commitListeners: LiveExtension[];
  private readonly awarenessListeners: LiveExtension[];

  constructor(
    extensions: readonly LiveExtension[],
    private readonly logger: Logger,
  ) {
    this.ordered = [...extensions].sort((a, b) => (a.priority ?? DEFAULT_PRIORITY) - (b.priority ?? DEFAULT_PRIORITY));
    this.persisters = this.ordered.filter((e) => e.onPersist);
    this.broadcastListeners = this.ordered.filter((e) => e.onBroadcast);
    this.commitListeners = this.ordered.filter((e) => e.afterCommit);
    this.awarenessListeners = this.ordered.filter((e) => e.onAwareness);
  }

  /** The extensions' names in the order they run (for logs and tests). */
  get names(): string[] {
    return this.ordered.map((e) => e.name);
  }

  async configure(host: LiveHost): Promise<void> {
    for (const extension of this.ordered) await extension.onConfigure?.(host);
  }

  /** Throws what an extension threw: the connection is refused. */
  async afterAuthenticate(context: AuthenticatedContext): Promise<void> {
    for (const extension of this.ordered) await extension.afterAuthenticate?.(context);
  }

  async load(context: DocumentContext): Promise<LoadedDocument | undefined> {
    for (const extension of this.ordered) {
      const loaded = await extension.onLoad?.(context);
      if (loaded) return loaded;
    }
    return undefined;
  }

  /** Resolves when every persister has made the change durable. */
  persist(change: LiveChange): Promise<void> {
    if (this.persisters.length === 1) return this.persisters[0].onPersist!(change);
    return Promise.all(this.persisters.map((e) => e.onPersist!(change))).then(() => undefined);
  }

  broadcast(change: LiveChange, recipients: number): void {
    for (const extension of this.broadcastListeners) {
      this.guard(extension, 'onBroadcast', () => extension.onBroadcast!(change, recipients));
    }
  }

  afterCommit(change: LiveChange, room: RoomView): void {
    for (const extension of this.commitListeners) {
      this.guard(extension, 'afterCommit', () => extension.afterCommit!(change, room));
    }
  }

  awareness(context: DocumentContext, update: Uint8Array): void {
    for (const extension of this.awarenessListeners) {
      this.guard(extension, 'onAwareness', () => extension.onAwareness!(context, update));
    }
  }

  async store(room: RoomView): Promise<void> {
    for (const extension of this.ordered) {
      try {
        await extension.onStore?.(room);
      } catch (error) {
        this.fail(extension, 'onStore', error);
      }
    }
  }

  async unload(room: RoomView): Promise<void> {
    for (const extension of this.ordered) {
      try {
        await extension.onUnload?.(room);
      } catch (error) {
        this.fail(extension, 'onUnload', error);
      }
    }
  }

  private guard(extension: LiveExtension, hook: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.fail(extension, hook, error);
    }
  }

  private fail(extension: LiveExtension, hook: string, error: unknown): void {
    this.logger.error(`Live extension ${extension.name} failed in ${hook}: ${String(error)}`);
  }
}
