import { type Cell, toCsv } from '@tolk/contracts';
import { saveBlob } from '../core/http/download';

/** Saves a table as CSV, written the way the server writes its exports. */
export function saveCsv(fileName: string, header: readonly string[], rows: readonly (readonly Cell[])[]): void {
  saveBlob(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
}
