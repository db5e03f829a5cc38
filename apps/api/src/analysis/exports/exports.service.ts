import { Injectable } from '@nestjs/common';
import { type Locale, type ProjectState, toCsv } from '@tolk/contracts';
import type { Actor } from '../../platform/actor.js';
import { translate } from '../../platform/i18n/translate.js';
import { ReadableState } from '../../snapshots/readable-state.service.js';
import { type CoderSelection, EVERYONE, isSelected } from '../coder-selection.js';
import { buildQuoteReport } from './quote-report.js';
import { quoteReportDocx } from './quote-report-docx.js';
import { quoteReportMarkdown } from './quote-report-markdown.js';
import { quoteReportOdt } from './quote-report-odt.js';
import type { ReportOptions } from './quote-report-options.js';
import { segmentTable } from './segment-table.js';
import type { ExportFile } from './send-file.js';
import { toXlsx } from './xlsx.js';

export type { ExportFile } from './send-file.js';

/**
 * The segment table (CSV, XLSX) and the quotes report (DOCX). Each writer
 * reads a `ProjectState`, so a snapshot's state exports the same way as the
 * current one (`snapshotId`), as the caller may see it (blind coding), and
 * only the selected coders' codings (`coder`); the table lists passages of
 * the union with `merge=union`, the quote report always does (no quote twice).
 */
@Injectable()
export class ExportsService {
  constructor(private readonly states: ReadableState) {}

  async segmentsCsv(
    actor: Actor,
    projectId: string,
    locale: Locale,
    snapshotId?: string,
    selection: CoderSelection = EVERYONE,
  ): Promise<ExportFile> {
    const state = await this.selected(actor, projectId, snapshotId, selection);
    const table = segmentTable(state, locale, selection.merge);
    return {
      baseName: fileName(state, translate(locale, 'segments.file')),
      body: Buffer.from(toCsv(table.header, table.rows, locale), 'utf8'),
    };
  }

  async segmentsXlsx(
    actor: Actor,
    projectId: string,
    locale: Locale,
    snapshotId?: string,
    selection: CoderSelection = EVERYONE,
  ): Promise<ExportFile> {
    const state = await this.selected(actor, projectId, snapshotId, selection);
    return {
      baseName: fileName(state, translate(locale, 'segments.file')),
      body: await toXlsx(segmentTable(state, locale, selection.merge), state.project.name),
    };
  }

  /** The quote report as DOCX, Markdown or ODT: the same report, worded once (`buildQuoteReport`). */
  async report(
    actor: Actor,
    projectId: string,
    format: 'docx' | 'md' | 'odt',
    locale: Locale,
    options: ReportOptions,
    snapshotId?: string,
    selection: CoderSelection = EVERYONE,
  ): Promise<ExportFile> {
    const state = await this.selected(actor, projectId, snapshotId, selection);
    const report = buildQuoteReport(state, locale, options);
    const body =
      format === 'docx'
        ? await quoteReportDocx(report)
        : format === 'md'
          ? Buffer.from(quoteReportMarkdown(report), 'utf8')
          : quoteReportOdt(report);
    return { baseName: fileName(state, translate(locale, 'report.file')), body };
  }

  /** The state as the caller may see it, with only the selected coders' codings. */
  private async selected(
    actor: Actor,
    projectId: string,
    snapshotId: string | undefined,
    selection: CoderSelection,
  ): Promise<ProjectState> {
    const state = await this.states.of(actor, projectId, snapshotId);
    return { ...state, codings: state.codings.filter((c) => isSelected(selection, c.createdBy)) };
  }
}

/** "Bacheloroppgave-segmenter-2026-11-26": the project's name kept readable, nothing a path could use. */
function fileName(state: ProjectState, what: string): string {
  return exportFileName(state.project.name, what, state.asOf);
}

/** "<project>-<what>-<date>" with the project's name kept readable and nothing a path could use. */
export function exportFileName(projectName: string, what: string, at: string): string {
  const name =
    projectName
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/gu, '')
      .slice(0, 60) || 'project';
  return `${name}-${what}-${at.slice(0, 10)}`;
}
