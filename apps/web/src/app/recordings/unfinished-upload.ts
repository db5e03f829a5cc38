/**
 * An upload of a recording that did not finish, remembered in the browser so
 * that it can go on after a reload or a closed tab: choosing the same file
 * again continues from where the server stands instead of sending it all
 * again (tus keeps the bytes received so far).
 */
export interface UnfinishedUpload {
  uploadUrl: string;
  name: string;
  size: number;
}

const key = (documentId: string) => `tolk.recordingUpload.${documentId}`;

export function rememberUpload(storage: Storage, documentId: string, upload: UnfinishedUpload): void {
  storage.setItem(key(documentId), JSON.stringify(upload));
}

/** The remembered upload of this transcript, or null (also when what is stored is not one). */
export function unfinishedUpload(storage: Storage, documentId: string): UnfinishedUpload | null {
  try {
    const value = JSON.parse(storage.getItem(key(documentId)) ?? 'null') as Partial<UnfinishedUpload> | null;
    if (typeof value?.uploadUrl !== 'string' || typeof value.name !== 'string' || typeof value.size !== 'number')
      return null;
    return { uploadUrl: value.uploadUrl, name: value.name, size: value.size };
  } catch {
    return null;
  }
}

export function forgetUpload(storage: Storage, documentId: string): void {
  storage.removeItem(key(documentId));
}

/**
 * Whether a chosen file is the one whose upload did not finish: by name and
 * size (browsers do not keep a file's identity across a reload; the bytes
 * go on from the server's offset, so a different file of the same name and
 * size would be a mix — unlikely enough for a recording of minutes).
 */
export function isSameFile(upload: UnfinishedUpload, file: { name: string; size: number }): boolean {
  return upload.name === file.name && upload.size === file.size;
}
