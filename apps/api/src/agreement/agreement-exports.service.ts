import { Injectable } from '@nestjs/common';
import { type Cell, type Locale, toCsv } from '@tolk/contracts';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  type IRunOptions,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { exportFileName } from '../analysis/exports/exports.service.js';
import type { ExportFile } from '../analysis/exports/send-file.js';
import { codePaths } from '../analysis/exports/segment-table.js';
import { CodesRepository } from '../codebook/codes.repository.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import type { Actor } from '../platform/actor.js';
import { translate } from '../platform/i18n/translate.js';
import { MembershipsRepository } from '../projects/memberships.repository.js';
import { ProjectAccessService } from '../projects/project-access.service.js';
import { type AgreementTable, agreementTable } from './agreement-report.js';
import { type AgreementQuery, AgreementService } from './agreement.service.js';

/**
 * The agreement table as files a reliability section can use: CSV (in the
 * user's locale), XLSX and DOCX, each with the method paragraph (unit,
 * statistics, which transcripts, when). Same query and same rules as the
 * figures route (`AgreementService.agreement`).
 */
@Injectable()
export class AgreementExportsService {
  constructor(
    private readonly agreement: AgreementService,
    private readonly access: ProjectAccessService,
    private readonly codes: CodesRepository,
    private readonly documents: DocumentsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async csv(actor: Actor, projectId: string, query: AgreementQuery, locale: Locale): Promise<ExportFile> {
    const { table, baseName } = await this.table(actor, projectId, query, locale);
    // The method below the table, one paragraph a line, after an empty line.
    const rows = [...table.rows, [], ...table.method.map((m) => [m])];
    return { baseName, body: Buffer.from(toCsv(table.header, rows, locale), 'utf8') };
  }

  async xlsx(actor: Actor, projectId: string, query: AgreementQuery, locale: Locale): Promise<ExportFile> {
    const { table, baseName, title } = await this.table(actor, projectId, query, locale);
    // Loaded on first use, as in analysis/exports/xlsx.ts: exceljs is the api's largest import.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Tolk';
    const sheet = workbook.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    sheet.addRows(table.rows);
    sheet.getColumn(1).width = 32;
    for (let i = 2; i <= table.header.length; i++) sheet.getColumn(i).width = 16;
    sheet.addRow([]);
    for (const paragraph of table.method) {
      const row = sheet.addRow([paragraph]);
      sheet.mergeCells(row.number, 1, row.number, table.header.length);
      row.alignment = { wrapText: true, vertical: 'top' };
      row.height = 15 * Math.ceil(paragraph.length / 120);
    }
    return { baseName, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }

  async docx(actor: Actor, projectId: string, query: AgreementQuery, locale: Locale): Promise<ExportFile> {
    const { table, baseName, title } = await this.table(actor, projectId, query, locale);
    const cell = (text: string, strong = false, right = false) =>
      new TableCell({
        children: [
          new Paragraph({
            alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children: [new TextRun(runOptions(text, strong))],
          }),
        ],
      });
    const format = (value: Cell | undefined) =>
      typeof value === 'number' ? value.toLocaleString(locale === 'nb' ? 'nb-NO' : 'en-GB') : (value ?? '');
    const document = new Document({
      creator: 'Tolk',
      title,
      sections: [
        {
          children: [
            new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 }),
            ...table.method.map((text) => new Paragraph({ text, spacing: { after: 160 } })),
            new Table({
              rows: [
                new TableRow({ tableHeader: true, children: table.header.map((h, i) => cell(h, true, i > 0)) }),
                ...table.rows.map(
                  (row, r) =>
                    new TableRow({
                      children: row.map((value, i) => cell(format(value), r === table.rows.length - 1, i > 0)),
                    }),
                ),
              ],
            }),
          ],
        },
      ],
    });
    return { baseName, body: await Packer.toBuffer(document) };
  }

  /** The figures (refused as the figures route refuses them) with every name the table needs. */
  private async table(
    actor: Actor,
    projectId: string,
    query: AgreementQuery,
    locale: Locale,
  ): Promise<{ table: AgreementTable; baseName: string; title: string }> {
    const result = await this.agreement.agreement(actor, projectId, query);
    const access = await this.access.require(actor, projectId, 'read');
    const [codes, documents, members] = await Promise.all([
      this.codes.list(access.project.id, true),
      this.documents.summaries(access.project.id),
      this.memberships.members(access.project.id),
    ]);
    const names = new Map(members.map((m) => [m.userId, m.name]));
    const side = (ids: string[]) => ids.map((id) => names.get(id) ?? id).join(' + ');
    const titles = new Map(documents.map((d) => [d.id, d.title]));
    const at = new Date().toISOString();
    const table = agreementTable(
      {
        result,
        codeNames: codePaths(codes),
        nameA: side(result.coderA),
        nameB: side(result.coderB),
        documentTitles: result.documentIds.map((id) => titles.get(id) ?? id),
        at,
      },
      locale,
    );
    const title = translate(locale, 'agreement.title');
    return { table, title, baseName: exportFileName(access.project.name, translate(locale, 'agreement.file'), at) };
  }
}

/** A run's options, typed as such: inside `TextRun`'s `string | IRunOptions` a literal's `bold` reads as String#bold. */
function runOptions(text: string, bold: boolean): IRunOptions {
  return { text, bold };
}
