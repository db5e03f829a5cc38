import { describe, expect, it } from '@jest/globals';
import { forgetUpload, isSameFile, rememberUpload, unfinishedUpload } from './unfinished-upload';

/** The part of the Web Storage API the helpers use, kept in a map. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('unfinished recording uploads', () => {
  const upload = { uploadUrl: '/api/recording-uploads/abc', name: 'intervju.wav', size: 2_560_044 };

  it('remembers an upload per transcript until it is forgotten', () => {
    const storage = memoryStorage();
    rememberUpload(storage, 'doc-1', upload);
    expect(unfinishedUpload(storage, 'doc-1')).toEqual(upload);
    expect(unfinishedUpload(storage, 'doc-2')).toBeNull();
    forgetUpload(storage, 'doc-1');
    expect(unfinishedUpload(storage, 'doc-1')).toBeNull();
  });

  it('reads nothing from what is not a remembered upload', () => {
    const storage = memoryStorage();
    storage.setItem('tolk.recordingUpload.doc-1', '{not json');
    expect(unfinishedUpload(storage, 'doc-1')).toBeNull();
    storage.setItem('tolk.recordingUpload.doc-1', JSON.stringify({ uploadUrl: 7, name: 'x', size: 1 }));
    expect(unfinishedUpload(storage, 'doc-1')).toBeNull();
  });

  it('takes a chosen file for the same one by name and size', () => {
    expect(isSameFile(upload, { name: 'intervju.wav', size: 2_560_044 })).toBe(true);
    expect(isSameFile(upload, { name: 'intervju.wav', size: 2_560_045 })).toBe(false);
    expect(isSameFile(upload, { name: 'intervju-2.wav', size: 2_560_044 })).toBe(false);
  });
});
