import type { SegmentTable } from './segment-table.js';

/**
 * The segment table as an Excel workbook: a bold, frozen header row,
 * filters on every column, wrapped quotes. Cells are typed (text stays
 * text), so a quote starting with "=" is never a formula here.
 */
export async function toXlsx(table: SegmentTable, sheetName: string): Promise<Buffer> {
  // Loaded on first use: exceljs is the largest import of the api, and a
  // restart should not wait for it (see bench:restart).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tolk';
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/gu, ' ').slice(0, 31) || 'Segments', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow(table.header).font = { bold: true };
  sheet.addRows(table.rows);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  table.header.forEach((name, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = name === 'Quote' ? 80 : name === 'Start' || name === 'End' ? 8 : 22;
    if (name === 'Quote') column.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
