import { MAX_DOCUMENT_BYTES } from '@tolk/contracts';
import { DomainError, invalid } from '../platform/domain-error.js';

const BOM = '\uFEFF';

/**
 * Checks a transcript's text and returns it as it will be stored: exactly as
 * given (line endings, æøå, emoji untouched) except that a leading byte order
 * mark is dropped. Text PostgreSQL cannot hold (NUL) or that is not
 * well-formed Unicode (a lone surrogate) is refused rather than mangled.
 */
export function normaliseTranscriptText(text: string, field = 'text'): string {
  const withoutBom = text.startsWith(BOM) ? text.slice(1) : text;
  if (Buffer.byteLength(withoutBom, 'utf8') > MAX_DOCUMENT_BYTES) {
    throw new DomainError('text_too_large', `${field} is larger than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MiB`, {
      maxBytes: MAX_DOCUMENT_BYTES,
    });
  }
  if (withoutBom.includes('\u0000'))
    throw invalid('invalid_text', `${field} must not contain NUL characters`, { field });
  if (!withoutBom.isWellFormed())
    throw invalid('invalid_text', `${field} must be well-formed Unicode (it has a lone surrogate)`, { field });
  return withoutBom;
}

/** Decodes an uploaded `.txt` file, which must be UTF-8 (with or without BOM). */
export function decodeTextFile(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw invalid('file_not_utf8', 'file must be UTF-8 text');
  }
  return normaliseTranscriptText(text, 'file');
}
