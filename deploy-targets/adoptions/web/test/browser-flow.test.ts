import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword } from '../../api/test/support/harness.ts';
import { pollPatience, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp('browser');
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('the web app in Chromium', () => {
  it('signs up, is accepted, adds an animal with a photo, records an event, registers an adopter, files, approves and completes a request, and exports and downloads a PDF', async () => {
    const { api: h } = app;
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    try {
      // A newcomer asks for an account.
      await page.goto(app.origin);
      const signUp = page.locator('form.sign-up');
      await signUp.getByLabel('Name').fill('Nora Newcomer');
      await signUp.getByLabel('E-mail').fill('nora@example.test');
      await signUp.getByLabel('Password (10 characters or more)').fill('nora-password-123');
      await signUp.getByRole('button', { name: 'Ask for an account' }).click();
      await expect.poll(() => signUp.getByRole('status').textContent(), pollPatience).toContain('an administrator will review');

      // The administrator accepts her as staff, and she is told by e-mail.
      await app.signIn(page, adminEmail, adminPassword);
      await app.open(page, 'Administration');
      const row = page.locator('#pending-accounts tr[data-account-email="nora@example.test"]');
      await row.getByRole('combobox').selectOption('staff');
      await row.getByRole('button', { name: 'Accept' }).click();
      await row.waitFor({ state: 'detached' });
      await page.locator('#accounts tr[data-account-email="nora@example.test"]').waitFor();
      expect(h.mailer.sent.at(-1)).toMatchObject({ to: 'nora@example.test', subject: 'Your adoptions account was accepted' });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('form.sign-in').waitFor();

      // Nora adds Luna with a photo.
      await app.signIn(page, 'nora@example.test', 'nora-password-123');
      await app.open(page, 'Animals');
      const addAnimal = page.locator('#add-animal');
      await addAnimal.getByLabel('Name').fill('Luna');
      await addAnimal.getByLabel('Species').fill('cat');
      await addAnimal.getByLabel('Sex').selectOption('female');
      await addAnimal.getByLabel('Photo').setInputFiles({ name: 'luna.png', mimeType: 'image/png', buffer: png });
      await addAnimal.getByRole('button', { name: 'Add animal' }).click();
      const luna = page.locator('tr[data-animal-name="Luna"]');
      await luna.locator('.photo-count', { hasText: '1' }).waitFor();
      const lunaId = (await luna.getAttribute('data-animal-id'))!;
      const photos = (await h.call('GET', `/animals/${lunaId}`, { token: h.adminToken })).body.animal.photos;
      expect(photos).toHaveLength(1);
      expect(Object.keys(photos[0].sizes).sort()).toEqual(['card', 'full', 'thumb']);

      // On Luna's page she sees the photo and records a vaccination.
      await luna.getByRole('link', { name: 'Luna' }).click();
      await page.getByRole('img', { name: /^Photo \d+ of Luna$/ }).waitFor();
      const record = page.locator('#record-event');
      await record.getByLabel('Event').selectOption('vaccination');
      await record.getByLabel('Date').fill('2024-03-01');
      await record.getByLabel('Notes').fill('Rabies');
      await record.getByRole('button', { name: 'Record event' }).click();
      await page.locator('#events tbody tr', { hasText: 'Rabies' }).waitFor();
      expect((await h.call('GET', `/animals/${lunaId}/events`, { token: h.adminToken })).body.events).toMatchObject([
        { kind: 'vaccination', occurredOn: '2024-03-01', description: 'Rabies', createdByName: 'Nora Newcomer' },
      ]);

      // She registers an adopter and files the request.
      await app.open(page, 'Adopters');
      const addAdopter = page.locator('#add-adopter');
      await addAdopter.getByLabel('Name').fill('Sam Home');
      await addAdopter.getByLabel('E-mail').fill('sam@example.test');
      await addAdopter.getByRole('button', { name: 'Register adopter' }).click();
      const sam = page.locator('tr[data-adopter-email="sam@example.test"]');
      await sam.getByLabel('Animal for Sam Home').selectOption({ label: 'Luna' });
      await sam.getByRole('button', { name: 'File request' }).click();

      // Filing leads to the requests, where she takes it through review, approval and completion.
      const request = page.locator('tr[data-request-id]', { hasText: 'Luna' });
      await request.waitFor();
      for (const [button, state] of [
        ['Start review', 'under review'],
        ['Approve', 'approved'],
        ['Complete', 'completed'],
      ]) {
        await request.getByRole('button', { name: button }).click();
        await request.locator('.badge', { hasText: state! }).waitFor();
      }
      await app.open(page, 'Animals');
      await luna.locator('.badge', { hasText: 'adopted' }).waitFor();

      // She exports the animals as a PDF, and downloads it from the generated-documents table once it is ready.
      await app.open(page, 'Documents');
      const documents = page.locator('#documents');
      await documents.getByRole('combobox').selectOption('animals');
      await documents.getByRole('button', { name: 'Export PDF' }).click();
      const documentRow = page.locator('#documents tr[data-document-id]').first();
      await documentRow.waitFor();
      // The table shows the document queued or running until a refresh finds it ready.
      for (;;) {
        const state = await documentRow.locator('.badge').textContent();
        if (state === 'ready') break;
        expect(state).toMatch(/queued|running/);
        await documents.getByRole('button', { name: 'Refresh' }).click();
        await page.waitForTimeout(200);
      }
      const [download] = await Promise.all([page.waitForEvent('download'), documentRow.getByRole('button', { name: 'Download' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^animals-\d+\.pdf$/);
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

      // Signing out ends the session on the server.
      const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('adoptions.session') ?? '{}').token as string);
      expect((await h.call('GET', '/me', { token })).status).toBe(200);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('form.sign-in').waitFor();
      expect((await h.call('GET', '/me', { token })).status).toBe(401);
    } finally {
      await context.close();
    }
  }, 240_000);
});
