import { decodeAnchor, resolveAnchors, type Anchor, type ResolvedAnchor } from '@tolk/anchoring';
import type * as Y from 'yjs';

/** Something anchored to the text: a coding or a comment. */
export interface Anchored {
  id: string;
  startAnchor: string | null;
  endAnchor: string | null;
}

const UNKNOWN: ResolvedAnchor = { status: 'unknown' };

/**
 * Resolves many anchors against the live text, decoding each one only once
 * (the base64 and the Yjs decoding cost more than the resolution).
 */
export class AnchorResolver {
  private readonly decoded = new Map<string, { start: string; end: string; anchor: Anchor | null }>();

  resolve(doc: Y.Doc, text: Y.Text, items: readonly Anchored[]): ResolvedAnchor[] {
    const anchors = items.map((item) => this.anchorOf(item));
    const valid = anchors.filter((a): a is Anchor => a !== null);
    const resolved = valid.length ? resolveAnchors(doc, text, valid) : [];
    let next = 0;
    return anchors.map((a) => (a ? resolved[next++] : UNKNOWN));
  }

  forget(id: string): void {
    this.decoded.delete(id);
  }

  clear(): void {
    this.decoded.clear();
  }

  private anchorOf(item: Anchored): Anchor | null {
    if (!item.startAnchor || !item.endAnchor) return null;
    const cached = this.decoded.get(item.id);
    if (cached && cached.start === item.startAnchor && cached.end === item.endAnchor) return cached.anchor;
    let anchor: Anchor | null = null;
    try {
      anchor = decodeAnchor({ startAnchor: item.startAnchor, endAnchor: item.endAnchor });
    } catch {
      // Not an anchor this client can read: shown without a place in the text.
    }
    this.decoded.set(item.id, { start: item.startAnchor, end: item.endAnchor, anchor });
    return anchor;
  }
}
