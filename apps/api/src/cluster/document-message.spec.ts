import { describe, expect, it } from '@jest/globals';
import { decodeDocumentMessage, encodeDocumentMessage } from './document-message.js';

describe('document messages between instances', () => {
  const instanceId = '0b7c6f1e-2a3d-4c5b-8e9f-101112131415';
  const documentId = 'f0e1d2c3-b4a5-4968-8776-655443322110';

  it('carries both ids and the bytes unchanged', () => {
    const payload = new Uint8Array([0, 1, 2, 255, 128]);
    const decoded = decodeDocumentMessage(
      encodeDocumentMessage({ instanceId, documentId, sentAt: 1764180000123.5, payload }),
    );
    expect(decoded?.instanceId).toBe(instanceId);
    expect(decoded?.sentAt).toBe(1764180000123.5);
    expect(decoded?.documentId).toBe(documentId);
    expect([...decoded!.payload]).toEqual([0, 1, 2, 255, 128]);
  });

  it('carries a memo key as well', () => {
    const key = `memo:${documentId}`;
    const decoded = decodeDocumentMessage(
      encodeDocumentMessage({ instanceId, documentId: key, sentAt: 1, payload: new Uint8Array([7]) }),
    );
    expect(decoded?.documentId).toBe(key);
    expect([...decoded!.payload]).toEqual([7]);
  });

  it('refuses ids that are not UUIDs in text form, and messages too short to hold them', () => {
    expect(() =>
      encodeDocumentMessage({ instanceId: 'short', documentId, sentAt: 0, payload: new Uint8Array() }),
    ).toThrow();
    expect(decodeDocumentMessage(Buffer.from('too short'))).toBeUndefined();
  });
});
