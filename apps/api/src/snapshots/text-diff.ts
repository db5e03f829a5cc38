import type { TextDiffPart } from '@tolk/contracts';

/** Words, runs of white space, and single other characters: what a reader sees change. */
const TOKEN = /[\p{L}\p{N}\p{M}]+|\s+|[^\p{L}\p{N}\p{M}\s]/gu;

/**
 * Beyond this many token edits the middle is given as one deletion and one
 * insertion: Myers' algorithm costs O((N+M)·D) time and O(D²) memory, and a
 * text that different is read as "rewritten" anyway.
 */
export const MAX_EDIT_DISTANCE = 2_000;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * A word-level diff from `before` to `after` (Myers' O(ND) shortest edit
 * script, after trimming the common head and tail). Joining the `equal` and
 * `delete` parts gives `before`; joining `equal` and `insert` gives `after`.
 * Used both for the readable comparison and to turn a restore into the
 * fewest Yjs edits, so concurrent editors keep their place.
 */
export function diffText(before: string, after: string, maxEditDistance = MAX_EDIT_DISTANCE): TextDiffPart[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const a = tokenize(before);
  const b = tokenize(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const parts: TextDiffPart[] = [];
  const push = (op: TextDiffPart['op'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push('equal', a.slice(0, head).join(''));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const script = shortestEditScript(midA, midB, maxEditDistance);
  if (script) for (const [op, token] of script) push(op, token);
  else {
    push('delete', midA.join(''));
    push('insert', midB.join(''));
  }
  push('equal', a.slice(a.length - tail).join(''));
  return readable(parts);
}

/**
 * Folds a run of changes separated only by spaces into one deletion and one
 * insertion: "men så" → "og det" reads better than four interleaved edits.
 */
function readable(parts: TextDiffPart[]): TextDiffPart[] {
  const out: TextDiffPart[] = [];
  let i = 0;
  while (i < parts.length) {
    if (parts[i].op === 'equal') {
      out.push(parts[i++]);
      continue;
    }
    let deleted = '';
    let inserted = '';
    let j = i;
    for (;;) {
      const part = parts[j];
      if (!part) break;
      if (part.op === 'delete') deleted += part.text;
      else if (part.op === 'insert') inserted += part.text;
      else if (/^\s+$/u.test(part.text) && parts[j + 1] && parts[j + 1].op !== 'equal') {
        deleted += part.text;
        inserted += part.text;
      } else break;
      j++;
    }
    if (deleted) out.push({ op: 'delete', text: deleted });
    if (inserted) out.push({ op: 'insert', text: inserted });
    i = j;
  }
  return out;
}

type Step = ['equal' | 'insert' | 'delete', string];

/** Myers' greedy algorithm with the trace kept, then walked back; undefined past `maxD`. */
function shortestEditScript(a: string[], b: string[], maxD: number): Step[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((t) => ['insert', t]);
  if (m === 0) return a.map((t) => ['delete', t]);
  const offset = n + m;
  const v = new Int32Array(2 * offset + 2);
  // trace[d] holds v[-d..d] as it was before step d+1.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(offset, maxD); d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
    if (found >= 0) break;
  }
  if (found < 0) return undefined;
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]; // v[-(d-1)..d-1]
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) steps.push(['equal', a[--x]]) && y--;
    if (down) steps.push(['insert', b[--y]]);
    else steps.push(['delete', a[--x]]);
  }
  while (x > 0 && y > 0) steps.push(['equal', a[--x]]) && y--;
  return steps.reverse();
}
