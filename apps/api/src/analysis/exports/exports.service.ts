import { Injectable } from '@nestjs/common';
import { type Locale, type ProjectState, toCsv } from '@tolk/contracts';
import type { Actor } from '../../platform/actor.js';
import { translate } from '../../platform/i18n/translate.js';
import { ReadableState } from '../../snapshots/readable-state.service.js';
import { quotesReport } from './quotes-report.js';
import { segmentTable } from './segment-table.js';
import { toXlsx } from './xlsx.js';

export interface ExportFile {
  /** Without extension; the controller adds it. */
  baseName: string;
  body: Buffer;
}

/**
 * The segment table (CSV, XLSX) and the quotes report (DOCX). Each writer
 * reads a `ProjectState`, so a snapshot's state exports the same way as the
 * current one (`snapshotId`), as the caller may see it (blind coding).
 */
@Injectable()
export class ExportsService {
  constructor(private readonly states: ReadableState) {}

  async segmentsCsv(actor: Actor, projectId: string, locale: Locale, snapshotId?: string): Promise<ExportFile> {
    const state = await this.states.of(actor, projectId, snapshotId);
    const table = segmentTable(state, locale);
    return {
      baseName: fileName(state, translate(locale, 'segments.file')),
      body: Buffer.from(toCsv(table.header, table.rows, locale), 'utf8'),
    };
  }

  async segmentsXlsx(actor: Actor, projectId: string, locale: Locale, snapshotId?: string): Promise<ExportFile> {
    const state = await this.states.of(actor, projectId, snapshotId);
    return {
      baseName: fileName(state, translate(locale, 'segments.file')),
      body: await toXlsx(segmentTable(state, locale), state.project.name),
    };
  }

  async report(actor: Actor, projectId: string, locale: Locale, snapshotId?: string): Promise<ExportFile> {
    const state = await this.states.of(actor, projectId, snapshotId);
    return { baseName: fileName(state, translate(locale, 'report.file')), body: await quotesReport(state, locale) };
  }
}

/** "Bacheloroppgave-segmenter-2026-11-26": the project's name kept readable, nothing a path could use. */
function fileName(state: ProjectState, what: string): string {
  const name =
    state.project.name
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/gu, '')
      .slice(0, 60) || 'project';
  return `${name}-${what}-${state.asOf.slice(0, 10)}`;
}
