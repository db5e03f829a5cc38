import {
  type RefiCodebook,
  type RefiProject,
  RefiFormatError,
  decodeXml,
  internalEntry,
  projectEntry,
  readCodebook,
  readProject,
  unsafeEntryName,
} from '@tolk/refi-qda';
import { DomainError, invalid } from '../platform/domain-error.js';
import { looksLikeZip, unpackZip, type ZipLimits, ZipProblem } from '../documents/import/zip-guard.js';

/** Largest upload accepted (compressed); multer answers 413 beyond it. */
export const MAX_EXCHANGE_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * A .qdpx unpacks to at most this, in at most this many entries. Checked on
 * the zip directory before anything is unpacked, and again while unpacking
 * (an entry that lies about its size is stopped one byte over): a zip bomb
 * fails fast and in bounded memory. Entry names that climb out (`..`) or
 * are absolute are refused, though nothing is ever written to disk.
 */
export const QDPX_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  refuseName: unsafeEntryName,
};

/**
 * The project XML is parsed into a DOM, which takes several times its size
 * in memory: a project's XML beyond this is refused (NVivo's sample is
 * 0.2 MiB for 303 codings).
 */
export const MAX_PROJECT_XML_BYTES = 32 * 1024 * 1024;

function projectXml(bytes: Buffer): string {
  if (bytes.length > MAX_PROJECT_XML_BYTES) {
    throw new DomainError(
      'unpacked_too_large',
      `the project XML is larger than ${MAX_PROJECT_XML_BYTES / (1024 * 1024)} MiB`,
    );
  }
  return decodeXml(bytes);
}

/** What an uploaded project file holds: the project and a way to its text files. */
export interface ProjectUpload {
  project: RefiProject;
  /** The text of an `internal://` file in the archive, or undefined (not there, or a bare .qde). */
  sourceText: (path: string | undefined) => string | undefined;
}

const decodeText = (bytes: Buffer) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** Turns the problems of an untrusted upload into the api's errors (400, or 413 for size). */
function asDomainError(error: unknown, what: string): unknown {
  if (error instanceof ZipProblem) {
    return error.kind === 'too_large'
      ? new DomainError('unpacked_too_large', `file is too large once unpacked: ${error.message}`)
      : invalid('unreadable_refi_qda', `file is not a readable ${what}: ${error.message}`);
  }
  if (error instanceof RefiFormatError)
    return invalid('unreadable_refi_qda', `file is not a readable ${what}: ${error.message}`);
  return error;
}

/**
 * Reads an uploaded `.qdpx` (zip) or bare `.qde` (XML). Only the project
 * XML and plain-text files are kept in memory; pictures, PDFs and .docx
 * copies are verified and let go.
 */
export function readProjectUpload(bytes: Buffer): ProjectUpload {
  try {
    if (!looksLikeZip(bytes)) {
      return { project: readProject(projectXml(bytes)), sourceText: () => undefined };
    }
    const { entries, files } = unpackZip(bytes, QDPX_LIMITS, (name) => /\.(qde|txt)$/iu.test(name));
    const names = entries.map((e) => e.name);
    const project = readProject(projectXml(files.get(projectEntry(names))!));
    return {
      project,
      sourceText: (path) => {
        const entry = internalEntry(path, names);
        const data = entry === undefined ? undefined : files.get(entry);
        return data === undefined ? undefined : decodeText(data);
      },
    };
  } catch (error) {
    throw asDomainError(error, 'REFI-QDA project (.qdpx or .qde)');
  }
}

/** Reads an uploaded codebook: a `.qdc` (or the codebook of a `.qde`/`.qdpx`). */
export function readCodebookUpload(bytes: Buffer): RefiCodebook {
  try {
    if (!looksLikeZip(bytes)) return readCodebook(projectXml(bytes));
    const { project } = readProjectUpload(bytes);
    return { origin: project.origin, codes: project.codes, sets: project.sets };
  } catch (error) {
    throw asDomainError(error, 'REFI-QDA codebook (.qdc)');
  }
}
