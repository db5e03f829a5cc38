import type { PseudonymList } from '@tolk/contracts';

/** The key list as the owner edits it: one `Real name = Pseudonym` a line. */
export function listToText(entries: PseudonymList['entries']): string {
  return entries.map((e) => `${e.real} = ${e.pseudonym}`).join('\n');
}

/** The lines back as entries; the numbers (from 1) of lines without ` = ` are returned apart. */
export function textToList(text: string): { entries: PseudonymList['entries']; badLines: number[] } {
  const entries: PseudonymList['entries'] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const at = line.indexOf('=');
    const real = at < 0 ? '' : line.slice(0, at).trim();
    const pseudonym = at < 0 ? '' : line.slice(at + 1).trim();
    if (!real || !pseudonym) badLines.push(i + 1);
    else entries.push({ real, pseudonym });
  });
  return { entries, badLines };
}
