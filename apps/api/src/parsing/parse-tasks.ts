import { MAX_DOCUMENT_BYTES } from '@tolk/contracts';
import { DEFAULT_PLAN_LIMITS, type ImportPlan, type PlannedCode, planCodebook, planImport } from '@tolk/refi-qda';
import { importTranscript, type ImportedTranscript } from '../documents/import/import-transcript.js';
import { readCodebookUpload, readProjectUpload } from '../exchange/qdpx-upload.js';
import { DomainError } from '../platform/domain-error.js';
import { probeRecording, type RecordingProbe } from '../recordings/probe-recording.js';

/** Everything an upload is read by: one task per kind of file, each run in a worker thread. */
export type ParseTask =
  | { kind: 'transcript'; fileName: string; bytes: Uint8Array }
  | { kind: 'refi-project'; bytes: Uint8Array }
  | { kind: 'refi-codebook'; bytes: Uint8Array }
  | { kind: 'recording'; bytes: Uint8Array };

export interface CodebookPlan {
  codes: PlannedCode[];
  sets: { name: string }[];
  origin: string | null;
}

export interface ParseResults {
  transcript: ImportedTranscript;
  'refi-project': ImportPlan;
  'refi-codebook': CodebookPlan;
  recording: RecordingProbe;
}

export const PLAN_LIMITS = { ...DEFAULT_PLAN_LIMITS, textBytes: MAX_DOCUMENT_BYTES };

/** A refusal crosses the thread boundary as plain data and becomes a DomainError again on the other side. */
export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; reason: string; message: string; params?: unknown };

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Reads an upload; runs inside a worker thread (parse-worker.ts), or directly where no pool is wanted. */
export async function runParseTask(task: ParseTask): Promise<ParseOutcome<ParseResults[ParseTask['kind']]>> {
  try {
    switch (task.kind) {
      case 'transcript':
        return { ok: true, value: await importTranscript(task.fileName, asBuffer(task.bytes)) };
      case 'refi-project': {
        const upload = readProjectUpload(asBuffer(task.bytes));
        return { ok: true, value: planImport(upload.project, upload.sourceText, PLAN_LIMITS) };
      }
      case 'recording':
        return { ok: true, value: await probeRecording(task.bytes) };
      case 'refi-codebook': {
        const book = readCodebookUpload(asBuffer(task.bytes));
        return {
          ok: true,
          value: {
            codes: planCodebook(book, PLAN_LIMITS),
            sets: book.sets.map((s) => ({ name: s.name })),
            origin: book.origin ?? null,
          },
        };
      }
    }
  } catch (error) {
    if (error instanceof DomainError) {
      const { reason, message, params } = error as DomainError;
      return { ok: false, reason, message, params };
    }
    throw error;
  }
}
