import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import * as Y from 'yjs';
import type { LiveChange, LiveExtension, RoomView } from './live-extension.js';
import { LivePipeline } from './live-pipeline.js';

const change: LiveChange = {
  documentId: 'd',
  projectId: 'p',
  update: new Uint8Array([0]),
  origin: { kind: 'server', userId: null },
};
const room: RoomView = { documentId: 'd', projectId: 'p', doc: new Y.Doc(), closed: false };

/** Logs to an array instead of the console. */
class ListLogger extends Logger {
  readonly errors: string[] = [];
  override error(message: string): void {
    this.errors.push(message);
  }
}

describe('LivePipeline', () => {
  it('runs each stage’s hooks by priority, whatever order they were listed in', () => {
    const calls: string[] = [];
    const extension = (name: string, priority?: number): LiveExtension => ({
      name,
      priority,
      afterCommit: () => void calls.push(`commit:${name}`),
      onBroadcast: (_c, n) => void calls.push(`broadcast:${name}:${n}`),
    });
    const pipeline = new LivePipeline(
      [extension('late'), extension('first', 0), extension('middle', 50)],
      new Logger(),
    );
    expect(pipeline.names).toEqual(['first', 'middle', 'late']);
    pipeline.broadcast(change, 3);
    pipeline.afterCommit(change, room);
    expect(calls).toEqual([
      'broadcast:first:3',
      'broadcast:middle:3',
      'broadcast:late:3',
      'commit:first',
      'commit:middle',
      'commit:late',
    ]);
  });

  it('keeps going past a failing after-commit hook, and says which failed', () => {
    const logger = new ListLogger();
    const seen: string[] = [];
    const pipeline = new LivePipeline(
      [
        {
          name: 'broken',
          priority: 1,
          afterCommit: () => {
            throw new Error('boom');
          },
        },
        { name: 'fine', priority: 2, afterCommit: () => void seen.push('fine') },
      ],
      logger,
    );
    pipeline.afterCommit(change, room);
    expect(seen).toEqual(['fine']);
    expect(logger.errors).toEqual(['Live extension broken failed in afterCommit: Error: boom']);
  });

  it('resolves persist only when every persister has, and rejects when one fails', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const pipeline = new LivePipeline(
      [
        { name: 'a', onPersist: () => slow },
        { name: 'b', onPersist: () => Promise.resolve() },
      ],
      new Logger(),
    );
    let done = false;
    const persisted = pipeline.persist(change).then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toBe(false);
    release();
    await persisted;
    expect(done).toBe(true);

    const failing = new LivePipeline([{ name: 'c', onPersist: () => Promise.reject(new Error('disk')) }], new Logger());
    await expect(failing.persist(change)).rejects.toThrow('disk');
  });

  it('loads from the first extension that has the document, and refuses what afterAuthenticate throws', async () => {
    const doc = new Y.Doc();
    const pipeline = new LivePipeline(
      [
        { name: 'none', priority: 1, onLoad: () => Promise.resolve(undefined) },
        { name: 'store', priority: 2, onLoad: () => Promise.resolve({ doc, updatesSinceState: 4 }) },
        {
          name: 'gate',
          afterAuthenticate: () => {
            return Promise.reject(new Error('not today'));
          },
        },
      ],
      new Logger(),
    );
    expect(await pipeline.load({ documentId: 'd', projectId: 'p' })).toEqual({ doc, updatesSinceState: 4 });
    await expect(
      pipeline.afterAuthenticate({
        documentId: 'd',
        projectId: 'p',
        user: { id: 'u', name: 'U' },
        request: {} as never,
      }),
    ).rejects.toThrow('not today');
  });
});
