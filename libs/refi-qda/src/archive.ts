import { RefiFormatError } from './parse-xml.js';

/**
 * The `.qdpx` container (a zip) as pure rules: which entry names are
 * refused, which entry is the project, where a source's file is. The
 * unpacking itself (with its size caps) is the caller's: it needs zlib.
 */

/** Why an entry name is refused, or undefined when it is safe to use. */
export function unsafeEntryName(name: string): string | undefined {
  const path = name.replace(/\\/gu, '/');
  if (name.includes('\u0000')) return 'it contains a NUL character';
  if (path.startsWith('/') || /^[A-Za-z]:/u.test(path)) return 'it is an absolute path';
  if (path.split('/').some((part) => part === '..')) return 'it climbs out of the archive (..)';
  return undefined;
}

/** Refuses the whole archive if any entry name is unsafe (a crafted archive is not repaired). */
export function checkEntryNames(names: readonly string[]): void {
  for (const name of names) {
    const reason = unsafeEntryName(name);
    if (reason) throw new RefiFormatError(`the archive entry "${name.slice(0, 200)}" is refused: ${reason}`);
  }
}

/**
 * The project XML: the one `*.qde` at the root of the archive, whatever its
 * name (ATLAS.ti names it after the project). `project.qde` wins if there
 * are several.
 */
export function projectEntry(names: readonly string[]): string {
  const atRoot = names.filter((n) => !n.replace(/\\/gu, '/').includes('/') && /\.qde$/iu.test(n));
  if (atRoot.length === 0)
    throw new RefiFormatError('the archive has no project file (*.qde) at its root; is it a .qdpx file?');
  if (atRoot.length === 1) return atRoot[0];
  const standard = atRoot.find((n) => n.toLowerCase() === 'project.qde');
  if (standard) return standard;
  throw new RefiFormatError(`the archive has ${atRoot.length} project files (*.qde) at its root; expected one`);
}

/**
 * The archive entry a source points at: `internal://<file>` as the standard
 * writes it, or, leniently, a bare path (`board_2017.txt`, `sources/x.txt`)
 * as some tools write it; the file is looked for in `sources/` (any case,
 * `Sources/` too) and at the root, names matched case-insensitively.
 * Undefined when the file is elsewhere (`relative://`, `absolute://`, a
 * URL), unsafe, or missing.
 */
export function internalEntry(path: string | undefined, names: readonly string[]): string | undefined {
  const trimmed = path?.trim() ?? '';
  const internal = /^internal:\/\/\/?(.+)$/iu.exec(trimmed);
  // Any other scheme names a file outside the archive.
  const bare = internal || /^[a-z][a-z0-9+.-]*:/iu.test(trimmed) ? null : trimmed;
  const given = internal?.[1] ?? bare;
  if (!given) return undefined;
  const file = given.replace(/\\/gu, '/').replace(/^\.\//u, '').toLowerCase();
  if (unsafeEntryName(file)) return undefined;
  const wanted = [`sources/${file}`, file];
  return names.find((n) => wanted.includes(n.replace(/\\/gu, '/').toLowerCase()));
}

/** A source's file name without folders or extension (`internal://board_2017.txt` → `board_2017`), or undefined. */
export function fileTitle(path: string | undefined): string | undefined {
  const file = path
    ?.trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\/\/?/iu, '')
    .replace(/\\/gu, '/')
    .split('/')
    .pop();
  const title = file?.replace(/\.[a-z0-9]{1,5}$/iu, '').trim();
  return title || undefined;
}
