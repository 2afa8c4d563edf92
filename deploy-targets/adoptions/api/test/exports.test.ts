import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('exports');
  const animal = (body: object) => h.call('POST', '/animals', { token: h.adminToken, body });
  await animal({ name: 'Rex', species: 'Dog', sex: 'male', birthDate: '2020-05-01' });
  await animal({ name: 'Ñandú 🐦', species: 'bird' });
  const adopter = async (name: string) =>
    (await h.call('POST', '/adopters', { token: h.adminToken, body: { name, email: `${name.toLowerCase()}@example.test` } })).body.adopter;
  const listed = await adopter('Listed');
  await adopter('Welcome');
  await h.call('PUT', `/adopters/${listed.id}/black-list`, { token: h.adminToken, body: { reason: '=HYPERLINK("http://evil")' } });
});
afterAll(async () => {
  await h?.close();
});

/** Queues an export and follows the generated-documents table until the document is made. */
async function exportAndWait(body: object, token = h.adminToken) {
  const queued = await h.call('POST', '/exports', { token, body });
  expect(queued.status).toBe(202);
  expect(queued.body.document.state).toBe('queued');
  for (;;) {
    const { body: found } = await h.call('GET', `/documents/${queued.body.document.id}`, { token });
    if (found.document.state === 'ready' || found.document.state === 'failed') return found.document;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function download(url: string) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return { bytes: Buffer.from(await res.arrayBuffer()), disposition: res.headers.get('content-disposition') };
}

describe('exports', () => {
  it('makes a PDF of the filtered animals in the background and lists it for download', async () => {
    const document = await exportAndWait({ subject: 'animals', format: 'pdf', filter: { species: 'dog' } });
    expect(document).toMatchObject({ state: 'ready', subject: 'animals', format: 'pdf', filter: { species: 'dog' }, rowCount: 2 });
    const listed = await h.call('GET', '/documents', { token: h.adminToken });
    expect(listed.body.documents.map((d: { id: string }) => d.id)).toContain(document.id);

    const { bytes, disposition } = await download(document.downloadUrl);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(document.size);
    expect(disposition).toBe(`attachment; filename="animals-${document.id}.pdf"`);
    const text = (await new PDFParse({ data: new Uint8Array(bytes) }).getText()).text;
    expect(text).toContain('Animals');
    expect(text).toContain('Filter: species: dog');
    expect(text).toMatch(/Rex\s+Dog/);
    expect(text).toContain('Biscuit');
    expect(text).not.toContain('Miso');
  });

  it('makes a PDF with text outside the PDF base fonts without failing', async () => {
    const document = await exportAndWait({ subject: 'animals', format: 'pdf', filter: { q: 'Ñandú' } });
    expect(document).toMatchObject({ state: 'ready', rowCount: 1 });
  });

  it('makes an Excel workbook of the black-listed adopters, with text cells that stay text', async () => {
    const document = await exportAndWait({ subject: 'adopters', format: 'xlsx', filter: { blackListed: 'true' } });
    expect(document).toMatchObject({ state: 'ready', rowCount: 1 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(document.downloadUrl)).bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Adopters')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Id', 'Name', 'E-mail', 'Phone', 'Address', 'Black listed', 'Reason']);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getCell('B2').value).toBe('Listed');
    expect(sheet.getCell('F2').value).toBe('yes');
    // A reason that looks like a formula is stored as a string, never as a formula.
    expect(sheet.getCell('G2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('G2').value).toBe('=HYPERLINK("http://evil")');
  });

  it('exports adoption requests filtered by state', async () => {
    const adopterId = (await h.call('GET', '/adopters?q=welcome', { token: h.adminToken })).body.adopters[0].id;
    await h.call('POST', '/adoption-requests', { token: h.adminToken, body: { animalId: 1, adopterId } });
    const document = await exportAndWait({ subject: 'adoption-requests', format: 'xlsx', filter: { state: 'submitted' } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(document.downloadUrl)).bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Adoption requests')!;
    expect(sheet.getRow(2).values).toEqual([undefined, 1, 'Biscuit', 'Welcome', 'submitted', expect.any(String), expect.any(String)]);
  });

  it("keeps each person's documents to themselves and checks the subject's permission", async () => {
    const mine = await exportAndWait({ subject: 'animals', format: 'xlsx' });
    const other = await h.member('staff');
    expect((await h.call('GET', `/documents/${mine.id}`, { token: other.token })).status).toBe(404);
    expect((await h.call('GET', '/documents', { token: other.token })).body.documents).toEqual([]);

    await h.call('PUT', '/roles/reader', { token: h.adminToken, body: { permissions: ['animals.read'] } });
    const reader = await h.member('reader');
    const refused = await h.call('POST', '/exports', { token: reader.token, body: { subject: 'adopters', format: 'pdf' } });
    expect(refused.status).toBe(403);
    expect((await exportAndWait({ subject: 'animals', format: 'pdf' }, reader.token)).state).toBe('ready');
  });

  it('refuses unknown subjects, formats and filter fields', async () => {
    for (const body of [
      { subject: 'accounts', format: 'pdf' },
      { subject: 'animals', format: 'docx' },
      { subject: 'animals', format: 'pdf', filter: { colour: 'black' } },
      { subject: 'adoption-requests', format: 'pdf', filter: { from: '2024-02-30' } },
    ]) {
      expect((await h.call('POST', '/exports', { token: h.adminToken, body })).status).toBe(400);
    }
  });
});
