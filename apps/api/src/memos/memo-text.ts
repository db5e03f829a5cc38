import { createHash } from 'node:crypto';
import * as Y from 'yjs';

/**
 * A memo's version: changes with every change anyone makes, and is the same
 * for the same content whether the document was just loaded or edited live
 * for an hour (the state vector and, per client, how much was deleted: both
 * independent of how Yjs happens to split or merge its items).
 */
export function memoVersion(doc: Y.Doc): string {
  const snapshot = Y.snapshot(doc) as unknown as {
    sv: Map<number, number>;
    ds: { clients: Map<number, { len: number }[]> };
  };
  const parts = [...snapshot.sv.entries()]
    .sort(([a], [b]) => a - b)
    .map(([client, clock]) => {
      const deleted = (snapshot.ds.clients.get(client) ?? []).reduce((sum, d) => sum + d.len, 0);
      return `${client}:${clock}:${deleted}`;
    });
  return createHash('sha256').update(parts.join(',')).digest('hex').slice(0, 16);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Makes `text` read `next` with the smallest single change (one delete and
 * one insert between the common beginning and end), so that live editors'
 * cursors elsewhere in the memo stay where they were. Never splits a
 * surrogate pair.
 */
export function replaceText(text: Y.Text, next: string): void {
  const now = text.toString();
  let start = 0;
  while (start < now.length && start < next.length && now[start] === next[start]) start++;
  if (start > 0 && isHighSurrogate(now.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < now.length - start &&
    end < next.length - start &&
    now[now.length - 1 - end] === next[next.length - 1 - end]
  )
    end++;
  if (end > 0 && isLowSurrogate(now.charCodeAt(now.length - end))) end--;
  const removed = now.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted.length > 0) text.insert(start, inserted);
}

/**
 * Who typed each part of the text as it is now: every character's Yjs id
 * (client, clock) lies in exactly one stored update, and each update was
 * stored with its sender. Characters from no stored update (a memo's text
 * from before memos were live) are `fallback`'s. Adjacent characters of one
 * person form one run.
 */
export function authorship(
  text: Y.Text,
  log: { update: Uint8Array; userId: string | null }[],
  fallback: string | null,
): { userId: string | null; text: string }[] {
  const ranges = new Map<number, { from: number; to: number; userId: string | null }[]>();
  for (const { update, userId } of log) {
    const meta = Y.parseUpdateMeta(update);
    for (const [client, from] of meta.from) {
      const to = meta.to.get(client) ?? from;
      if (to > from) (ranges.get(client) ?? ranges.set(client, []).get(client)!).push({ from, to, userId });
    }
  }
  const authorOf = (client: number, clock: number) =>
    ranges.get(client)?.find((r) => clock >= r.from && clock < r.to)?.userId ?? fallback;

  const runs: { userId: string | null; text: string }[] = [];
  for (let item = (text as unknown as { _start: Y.Item | null })._start; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const chars = item.content.str;
    for (let i = 0; i < chars.length; i++) {
      const userId = authorOf(item.id.client, item.id.clock + i);
      const last = runs.at(-1);
      if (last?.userId === userId) last.text += chars[i];
      else runs.push({ userId, text: chars[i] });
    }
  }
  return runs;
}
