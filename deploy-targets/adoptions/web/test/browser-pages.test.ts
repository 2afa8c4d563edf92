import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword } from '../../api/test/support/harness.ts';
import { pollPatience, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp('pages');
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('the administration and record pages in Chromium', () => {
  it('edits roles and permissions, assigns a role, edits an animal and sees its photo sizes and events, searches, edits and black-lists adopters, filters and exports, and reads the statistics', async () => {
    const { api: h } = app;
    const admin = { token: h.adminToken };
    const helper = await h.member('volunteer', 'helper@example.test');
    const rex = (await h.call('POST', '/animals', { ...admin, body: { name: 'Rex', species: 'dog', sex: 'male' } })).body.animal;
    await h.call('POST', '/animals', { ...admin, body: { name: 'Mia', species: 'cat', sex: 'female' } });
    await h.call('POST', `/animals/${rex.id}/events`, {
      ...admin,
      body: { kind: 'arrival', occurredOn: '2024-01-05', description: 'Found in the park' },
    });
    const upload = (await h.call('POST', `/animals/${rex.id}/photos/upload-url`, { ...admin, body: { contentType: 'image/png' } })).body
      .upload;
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: png })).status).toBe(200);
    expect((await h.call('POST', `/animals/${rex.id}/photos`, { ...admin, body: { key: upload.key } })).status).toBe(201);
    await h.call('POST', '/adopters', { ...admin, body: { name: 'Sam Home', email: 'sam@example.test' } });
    await h.call('POST', '/adopters', { ...admin, body: { name: 'Pat Doe', email: 'pat@example.test' } });

    const context = await app.browser.newContext();
    const page = await context.newPage();
    try {
      await app.signIn(page, adminEmail, adminPassword);

      // Roles and permissions: a new "foster" role, then the helper moves to it (and is told by e-mail).
      await app.open(page, 'Administration');
      const newRole = page.locator('#new-role');
      await newRole.getByLabel('Name').fill('foster');
      await newRole.getByLabel('Description').fill('Foster homes');
      for (const p of ['animals.read', 'animals.write', 'adopters.read']) await newRole.getByLabel(`new role: ${p}`).check();
      await newRole.getByRole('button', { name: 'Create role' }).click();
      await page.locator('.notice', { hasText: 'Created the foster role.' }).waitFor();
      const foster = page.locator('form.role[data-role="foster"]');
      await foster.getByLabel('foster: adoptions.read').check();
      await foster.getByLabel('foster: animals.write').uncheck();
      await foster.getByRole('button', { name: 'Save role' }).click();
      await page.locator('.notice', { hasText: 'Saved the foster role.' }).waitFor();
      await expect
        .poll(
          async () => (await h.call('GET', '/roles', admin)).body.roles.find((r: { name: string }) => r.name === 'foster'),
          pollPatience,
        )
        .toMatchObject({ description: 'Foster homes', permissions: ['adopters.read', 'adoptions.read', 'animals.read'] });
      const helperRow = page.locator('#accounts tr[data-account-email="helper@example.test"]');
      await helperRow.getByRole('combobox').selectOption('foster');
      await helperRow.getByRole('button', { name: 'Change role' }).click();
      await page.locator('.notice', { hasText: 'helper@example.test is now foster.' }).waitFor();
      await expect.poll(async () => (await h.call('GET', '/me', { token: helper.token })).body.account.role, pollPatience).toBe('foster');
      expect(h.mailer.sent.at(-1)).toMatchObject({ to: 'helper@example.test', subject: 'Your adoptions profile was modified' });
      // The administrator's own role is not offered for change.
      expect(await page.locator(`#accounts tr[data-account-email="${adminEmail}"]`).textContent()).toContain('(yours)');

      // Animals: filter by species, open Rex, see his photo in its sizes and his events, edit him.
      await app.open(page, 'Animals');
      const filter = page.locator('#animal-filter');
      await filter.getByLabel('Species').fill('dog');
      await filter.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL(/#\/animals\?species=dog$/);
      // The seed's sample animals are there too: the page shows what the API's filter answers, cats left out.
      const dogs = (await h.call('GET', '/animals?species=dog', admin)).body.animals.map((a: { name: string }) => a.name);
      expect(dogs).toContain('Rex');
      expect(dogs).not.toContain('Mia');
      await expect
        .poll(
          () => page.locator('#animals tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-animal-name'))),
          pollPatience,
        )
        .toEqual(dogs);
      await page.getByRole('link', { name: 'Rex' }).click();
      const photo = page.getByRole('img', { name: /^Photo \d+ of Rex$/ });
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), pollPatience).toBeGreaterThan(0);
      expect(await page.locator('#photos .sizes a').allTextContents()).toEqual([
        expect.stringMatching(/^card \d+×\d+$/),
        expect.stringMatching(/^full \d+×\d+$/),
        'original',
      ]);
      await page.locator('#events tbody tr', { hasText: 'Found in the park' }).waitFor();
      const edit = page.locator('#edit-animal');
      await edit.getByLabel('Breed').fill('Boxer');
      await edit.getByLabel('Born').fill('2021-05-01');
      await edit.getByLabel('Description').fill('Calm with children');
      await edit.getByRole('button', { name: 'Save animal' }).click();
      await page.locator('.notice', { hasText: 'Saved Rex.' }).waitFor();
      await expect
        .poll(async () => (await h.call('GET', `/animals/${rex.id}`, admin)).body.animal, pollPatience)
        .toMatchObject({ breed: 'Boxer', birthDate: '2021-05-01', description: 'Calm with children', name: 'Rex' });

      // The filtered list exports with its filter; the documents table names it.
      await page.goto(`${app.origin}/#/animals?species=dog`);
      await page.getByRole('button', { name: 'Export these as Excel' }).click();
      await page.locator('#documents tr[data-document-id]', { hasText: 'species: dog' }).waitFor();
      expect((await h.call('GET', '/documents', admin)).body.documents[0]).toMatchObject({
        subject: 'animals',
        format: 'xlsx',
        filter: { species: 'dog' },
      });

      // Adopters: search, edit, black list with a reason, filter by the list, take off again.
      await app.open(page, 'Adopters');
      const search = page.locator('#adopter-filter');
      await search.getByLabel('Search').fill('pat');
      await search.getByRole('button', { name: 'Search' }).click();
      await expect
        .poll(
          () => page.locator('#adopters tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-adopter-email'))),
          pollPatience,
        )
        .toEqual(['pat@example.test']);
      await page.getByRole('link', { name: 'Pat Doe' }).click();
      const editAdopter = page.locator('#edit-adopter');
      await editAdopter.getByLabel('Phone').fill('555-0100');
      await editAdopter.getByLabel('Address').fill('1 Main St');
      await editAdopter.getByRole('button', { name: 'Save adopter' }).click();
      await page.locator('.notice', { hasText: 'Saved Pat Doe.' }).waitFor();
      const blackList = page.locator('#black-list');
      await blackList.getByLabel('Reason').fill('returned two dogs');
      await blackList.getByRole('button', { name: 'Add to black list' }).click();
      await blackList.locator('q.reason', { hasText: 'returned two dogs' }).waitFor();
      const pat = (await h.call('GET', '/adopters?q=pat', admin)).body.adopters[0];
      expect(pat).toMatchObject({ phone: '555-0100', address: '1 Main St', blackListed: true, blackListReason: 'returned two dogs' });
      await page.goto(`${app.origin}/#/adopters?blackListed=true`);
      await expect
        .poll(
          () => page.locator('#adopters tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-adopter-email'))),
          pollPatience,
        )
        .toEqual(['pat@example.test']);
      // A black-listed adopter is offered no adoption request.
      expect(await page.locator('tr[data-adopter-email="pat@example.test"]').getByRole('button', { name: 'File request' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Pat Doe' }).click();
      await page.getByRole('button', { name: 'Remove from black list' }).click();
      await page.locator('.notice', { hasText: 'Took Pat Doe off the black list.' }).waitFor();
      await blackList.getByText('Not on the black list.').waitFor();
      expect((await h.call('GET', `/adopters/${pat.id}`, admin)).body.adopter.blackListed).toBe(false);

      // Statistics: the same counts the API computes.
      await app.open(page, 'Statistics');
      const stats = (await h.call('GET', '/statistics/animals', admin)).body.statistics;
      await page.locator('#statistics [data-stat="total"]', { hasText: String(stats.total) }).waitFor();
      for (const { key, count } of stats.bySpecies as { key: string; count: number }[]) {
        expect(await page.locator(`table[data-stat="bySpecies"] tr[data-key="${key}"] .count`).textContent()).toBe(String(count));
      }
      expect(await page.locator('table[data-stat="events"] tr[data-key="arrival"] .count').textContent()).toBe('1');
    } finally {
      await context.close();
    }
  }, 240_000);

  it('resets a forgotten password from the e-mailed link, edits the profile, and a volunteer sees no administration', async () => {
    const { api: h } = app;
    await h.member('volunteer', 'vera@example.test');
    const context = await app.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(app.origin);
      const forgot = page.locator('form.forgot-password');
      await forgot.getByLabel('E-mail').fill('vera@example.test');
      await forgot.getByRole('button', { name: 'E-mail me a reset link' }).click();
      await forgot.getByText('a reset link is on its way').waitFor();
      const mail = h.mailer.sent.at(-1)!;
      expect(mail).toMatchObject({ to: 'vera@example.test', subject: 'Reset your adoptions password' });
      const link = /Or open (\S+)/.exec(mail.text)?.[1];
      expect(link?.startsWith(`${app.origin}/#/reset-password?code=`)).toBe(true);

      await page.goto(link!);
      const reset = page.locator('form.reset-password');
      await reset.getByLabel('New password (10 characters or more)').fill('vera-new-password-1');
      await reset.getByRole('button', { name: 'Set the new password' }).click();
      await reset.getByRole('link', { name: 'Sign in' }).click();
      await app.signIn(page, 'vera@example.test', 'vera-new-password-1');

      const navLinks = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
      expect(navLinks).toEqual(['Requests', 'Animals', 'Adopters', 'Statistics', 'Documents', 'My account']);
      await app.open(page, 'My account');
      const profile = page.locator('#edit-profile');
      await profile.getByLabel('Name').fill('Vera Volunteer');
      await profile.getByRole('button', { name: 'Save profile' }).click();
      await page.locator('.notice', { hasText: 'Saved (name); a notice was e-mailed.' }).waitFor();
      await page.locator('#who', { hasText: 'Vera Volunteer (volunteer)' }).waitFor();
      expect(h.mailer.sent.at(-1)).toMatchObject({ to: 'vera@example.test', subject: 'Your adoptions profile was modified' });
      // Volunteers may not write animals: no add form, no edit form.
      await app.open(page, 'Animals');
      expect(await page.locator('#add-animal').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 240_000);
});
