import { describe, expect, it } from '@jest/globals';
import { MAX_DOCUMENT_BYTES } from '@tolk/contracts';
import { DomainError } from '../platform/domain-error.js';
import { decodeTextFile, normaliseTranscriptText } from './transcript-text.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'ok';
};

describe('transcript text', () => {
  it('keeps text exactly, dropping only a leading BOM', () => {
    const text = 'Æ ø å 😅\r\nlinje 2\n\tinnrykk  ';
    expect(normaliseTranscriptText(text)).toBe(text);
    expect(normaliseTranscriptText(`\uFEFF${text}`)).toBe(text);
    expect(normaliseTranscriptText(`a\uFEFFb`)).toBe('a\uFEFFb');
  });

  it('refuses NUL, lone surrogates and oversize text', () => {
    expect(code(() => normaliseTranscriptText('a\u0000'))).toBe('invalid');
    expect(code(() => normaliseTranscriptText('a\udc00'))).toBe('invalid');
    expect(code(() => normaliseTranscriptText('a'.repeat(MAX_DOCUMENT_BYTES)))).toBe('ok');
    expect(code(() => normaliseTranscriptText('a'.repeat(MAX_DOCUMENT_BYTES + 1)))).toBe('too_large');
  });

  it('decodes UTF-8 files with or without BOM and refuses other encodings', () => {
    expect(decodeTextFile(Buffer.from('\uFEFFsånn', 'utf8'))).toBe('sånn');
    expect(decodeTextFile(Buffer.from('sånn', 'utf8'))).toBe('sånn');
    expect(code(() => decodeTextFile(Buffer.from('s\xe5nn', 'latin1')))).toBe('invalid');
  });
});
