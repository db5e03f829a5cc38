/** Document attributes are string key/values, e.g. `{ utdanning: 'vernepleier' }`. */
export type DocumentAttributes = Record<string, string>;

export interface DocumentSummary {
  id: string;
  title: string;
  /** Length of the text in UTF-16 code units (what a JavaScript string counts). */
  length: number;
  attributes: DocumentAttributes;
}

export interface TolkDocument extends DocumentSummary {
  projectId: string;
  text: string;
}

export interface CreateDocumentRequest {
  title: string;
  text: string;
  attributes?: DocumentAttributes;
}

export interface UpdateDocumentRequest {
  title?: string;
  attributes?: DocumentAttributes;
}

/** Largest transcript text accepted, in bytes of UTF-8 (JSON body or upload). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
