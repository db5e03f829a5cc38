import type { Response } from 'express';

/** A file an export route answers with. */
export interface ExportFile {
  /** Without extension; `send` adds it. */
  baseName: string;
  body: Buffer;
}

/** The `locale` query parameter of every export route (OpenAPI). */
export const LOCALE_QUERY = {
  name: 'locale',
  required: false,
  enum: ['en', 'nb'],
  description:
    'language of headers and file name (and `;` with decimal commas in CSV for nb); default from Accept-Language, else en',
} as const;

export const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

/** Answers with the file as an attachment named in the user's language (an ASCII fallback beside it). */
export function send(res: Response, file: ExportFile, extension: keyof typeof TYPES): void {
  const name = `${file.baseName}.${extension}`;
  // An ASCII fallback and the real name (RFC 6266 / RFC 5987).
  const ascii = name
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/gu, '')
    .replace(/["\\]/gu, '');
  res.setHeader('Content-Type', TYPES[extension]);
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(file.body);
}
