import { describe, expect, it } from '@jest/globals';
import { runParseTask } from './parse-tasks.js';

describe('runParseTask (the body of a parser thread)', () => {
  it('reads a transcript and returns plain data that can cross to the main thread', async () => {
    const outcome = await runParseTask({
      kind: 'transcript',
      fileName: 'intervju.txt',
      bytes: new TextEncoder().encode('Intervjuer: Hei.\nInformant: Hei på deg.'),
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: { format: 'txt', text: 'Intervjuer: Hei.\nInformant: Hei på deg.' },
    });
    expect(() => structuredClone(outcome)).not.toThrow();
  });

  it('returns a refusal as its reason, message and params instead of throwing', async () => {
    const outcome = await runParseTask({ kind: 'transcript', fileName: 'x.pdf', bytes: new Uint8Array([1]) });
    expect(outcome).toEqual({
      ok: false,
      reason: 'unsupported_file_type',
      message: expect.stringContaining('.docx'),
      params: { accepted: ['.txt', '.docx', '.vtt', '.srt'] },
    });
  });

  it('plans a REFI-QDA codebook and refuses a broken one with its reason', async () => {
    const qdc =
      '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Test"><Codes>' +
      '<Code guid="0b6f1c8e-7d7e-4d3f-9f5e-1a2b3c4d5e6f" name="Mestring" isCodable="true"/></Codes></CodeBook>';
    const book = await runParseTask({ kind: 'refi-codebook', bytes: new TextEncoder().encode(qdc) });
    expect(book).toMatchObject({ ok: true, value: { codes: [{ name: 'Mestring' }], sets: [], origin: 'Test' } });
    const broken = await runParseTask({ kind: 'refi-project', bytes: new TextEncoder().encode('<not-a-project') });
    expect(broken).toMatchObject({ ok: false, reason: 'unreadable_refi_qda' });
  });
});
