import ExcelJS from 'exceljs';
import type { ExportTable } from './export-table.ts';

/** One worksheet named for the subject: a bold header row, then the rows, numbers kept as numbers. */
export async function renderXlsx(table: ExportTable, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  workbook.title = table.title;
  const sheet = workbook.addWorksheet(table.title);
  sheet.addRow(table.headers).font = { bold: true };
  sheet.addRows(table.rows);
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(table.headers[i]?.length ?? 0, ...table.rows.map((r) => String(r[i] ?? '').length));
    column.width = Math.min(60, longest + 2);
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
