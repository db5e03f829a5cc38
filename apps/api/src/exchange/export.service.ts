import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ProjectState } from '@tolk/contracts';
import { codebookOf, exportProject, writeCodebook, writeProject } from '@tolk/refi-qda';
import type { Actor } from '../platform/actor.js';
import { conflict, invalid } from '../platform/domain-error.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { type ExportedRecording, RecordingsService } from '../recordings/recordings.service.js';
import { ReadableState } from '../snapshots/readable-state.service.js';
import { TOLK_ORIGIN } from './origin.js';
import { writeZip } from './zip-writer.js';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** A file name from a project name: letters (any script), digits, spaces, dashes. */
export function fileStem(name: string): string {
  return (
    name
      .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
      .replace(/\s+/gu, ' ')
      .trim()
      .slice(0, 100) || 'project'
  );
}

/**
 * A state as a `.qdpx`: `project.qde` and `sources/<guid>.txt` (UTF-8, LF,
 * no BOM). Takes any ProjectState, so the same code exports now or a
 * snapshot.
 */
export function qdpxOf(state: ProjectState, recordings: readonly ExportedRecording[] = []): ExportedFile {
  const media = new Map(recordings.map((r) => [r.documentId, { fileName: r.fileName }]));
  const { project, files } = exportProject(state, TOLK_ORIGIN, randomUUID, media);
  const data = writeZip([
    { name: 'project.qde', data: Buffer.from(writeProject(project), 'utf8') },
    ...files.map((f) => ({ name: f.path, data: Buffer.from(f.text, 'utf8') })),
    ...recordings.map((r) => ({ name: `sources/${r.fileName}`, data: r.data, stored: true })),
  ]);
  return { fileName: `${fileStem(state.project.name)}.qdpx`, contentType: 'application/zip', data };
}

/** A state's codebook as a `.qdc`; 409 when it has no codes (the schema wants one). */
export function qdcOf(state: ProjectState): ExportedFile {
  if (state.codes.length === 0) throw conflict('empty_codebook', 'The codebook has no codes to export');
  const xml = writeCodebook(codebookOf(state, TOLK_ORIGIN));
  return {
    fileName: `${fileStem(state.project.name)}.qdc`,
    contentType: 'application/xml; charset=utf-8',
    data: Buffer.from(xml, 'utf8'),
  };
}

/**
 * REFI-QDA exports of a project as it is now or as a snapshot froze it. Any member may export what
 * they may read (a viewer — an external examiner — too); with blind coding
 * on, a member who is not the owner exports only their own codings, as
 * they see them in the app.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly states: ReadableState,
    private readonly access: ProjectAccessService,
    private readonly recordings: RecordingsService,
  ) {}

  /**
   * With `withRecordings` (the owner's tick), each transcript that has a
   * recording goes out as an `AudioSource` with the audio in `sources/`;
   * never from a snapshot (recordings are never part of one).
   */
  async project(actor: Actor, projectId: string, snapshotId?: string, withRecordings = false): Promise<ExportedFile> {
    if (!withRecordings) return qdpxOf(await this.states.of(actor, projectId, snapshotId));
    if (snapshotId)
      throw invalid(
        'invalid_input',
        'Recordings are never part of a snapshot: export them with the project as it is now',
        {
          fields: [{ field: 'recordings', rules: ['not with snapshotId'] }],
        },
      );
    const state = await this.states.of(actor, projectId);
    await this.access.require(actor, projectId, 'exportRecordings');
    return qdpxOf(state, await this.recordings.forExport(actor, projectId));
  }

  async codebook(actor: Actor, projectId: string, snapshotId?: string): Promise<ExportedFile> {
    return qdcOf(await this.states.of(actor, projectId, snapshotId));
  }
}
