import PDFDocument from 'pdfkit';
import type { ExportTable } from './export-table.ts';

/** A plain A4 landscape table with pdfkit: title, filter, header row, then one line per row, paged. */
export function renderPdf(table: ExportTable, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: table.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const columnWidth = width / table.headers.length;
  const line = (cells: readonly (string | number)[], bold = false) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((cell, i) =>
      doc.text(String(cell), left + i * columnWidth, y, { width: columnWidth - 4, height: 12, lineBreak: false, ellipsis: true }),
    );
    doc.x = left;
    doc.y = y + 14;
  };

  doc.font('Helvetica-Bold').fontSize(16).text(table.title);
  doc.font('Helvetica').fontSize(9).text(`Generated ${generatedAt.toISOString()} · ${table.rows.length} rows`);
  if (table.filterText) doc.text(`Filter: ${table.filterText}`);
  doc.moveDown();
  line(table.headers, true);
  for (const row of table.rows) line(row);
  doc.end();
  return done;
}
