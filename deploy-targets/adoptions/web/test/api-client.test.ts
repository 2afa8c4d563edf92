import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../src/api-client.ts';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
type Answer = { status: number; body?: unknown };

// A fake API that speaks HTTP: it records each request and answers what the test queued.
let server: Server;
let baseUrl: string;
let seen: Seen[];
let answers: Answer[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = answers.shift() ?? { status: 500, body: { message: 'no answer queued' } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  answers = [];
});

const account = { id: '1', email: 'a@example.test', name: 'A', role: 'staff', permissions: ['adoptions.decide'] };

describe('api client', () => {
  it('signs in with a JSON body and no token', async () => {
    answers.push({ status: 200, body: { token: 't.o.k', expiresAt: '2030-01-01T00:00:00.000Z', account } });
    const api = createApiClient(`${baseUrl}/`, { token: () => undefined });
    const session = await api.signIn('a@example.test', 'pw');
    expect(session.account.role).toBe('staff');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/sessions' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(seen[0]!.body)).toEqual({ email: 'a@example.test', password: 'pw' });
  });

  it('sends the current token as a Bearer header and unwraps lists', async () => {
    let token = 'first.token.x';
    const api = createApiClient(baseUrl, { token: () => token });
    answers.push({ status: 200, body: { animals: [{ id: '7', name: 'Rex' }] } });
    answers.push({ status: 200, body: { adoptionRequests: [{ id: '3', state: 'under_review' }] } });
    expect(await api.listAnimals()).toEqual([{ id: '7', name: 'Rex' }]);
    token = 'second.token.y';
    expect(await api.listAdoptionRequests('under_review')).toEqual([{ id: '3', state: 'under_review' }]);
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization])).toEqual([
      ['GET', '/animals', 'Bearer first.token.x'],
      ['GET', '/adoption-requests?state=under_review', 'Bearer second.token.y'],
    ]);
  });

  it('moves a request with a transitions call', async () => {
    answers.push({
      status: 200,
      body: { moved: { from: 'under_review', to: 'approved' }, adoptionRequest: { id: '3', state: 'approved' } },
    });
    const api = createApiClient(baseUrl, { token: () => 'a.b.c' });
    expect(await api.moveAdoptionRequest('3', 'approved', 'good home')).toEqual({ id: '3', state: 'approved' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/adoption-requests/3/transitions' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ to: 'approved', note: 'good home' });
  });

  it('turns refusals into ApiError with the API message and field errors', async () => {
    const api = createApiClient(baseUrl, { token: () => 'a.b.c' });
    answers.push({ status: 409, body: { error: 'conflict', message: 'cannot move a request from submitted to approved' } });
    const conflict = await api.moveAdoptionRequest('3', 'approved').catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ApiError);
    expect(conflict).toMatchObject({ status: 409, message: 'cannot move a request from submitted to approved' });

    answers.push({
      status: 400,
      body: { error: 'validation_failed', message: 'invalid request body', details: [{ path: 'email', message: 'Invalid email' }] },
    });
    const invalid = await api.signIn('x', 'y').catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, fieldErrors: [{ path: 'email', message: 'Invalid email' }] });

    answers.push({ status: 502 });
    await expect(api.listAnimals()).rejects.toMatchObject({ status: 502, message: 'GET /animals answered 502' });
  });

  it('signs up without a token and signs out by ending the session', async () => {
    answers.push({ status: 201, body: { account: { id: '9', email: 'n@example.test', name: 'N', status: 'pending', createdAt: 'x' } } });
    answers.push({ status: 204 });
    let token: string | undefined = undefined;
    const api = createApiClient(baseUrl, { token: () => token });
    expect(await api.signUp({ email: 'n@example.test', name: 'N', password: 'long-password' })).toMatchObject({ status: 'pending' });
    token = 't.o.k';
    expect(await api.signOut()).toBeUndefined();
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization])).toEqual([
      ['POST', '/accounts', undefined],
      ['DELETE', '/sessions/current', 'Bearer t.o.k'],
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ email: 'n@example.test', name: 'N', password: 'long-password' });
  });

  it('lists pending accounts and decides them', async () => {
    const api = createApiClient(baseUrl, { token: () => 'a.b.c' });
    answers.push({ status: 200, body: { accounts: [{ id: '9', email: 'n@example.test' }] } });
    answers.push({ status: 200, body: { account: { id: '9', status: 'accepted' }, notified: true } });
    answers.push({ status: 200, body: { account: { id: '10', status: 'rejected' }, notified: true } });
    expect(await api.listPendingAccounts()).toEqual([{ id: '9', email: 'n@example.test' }]);
    expect(await api.acceptAccount('9', 'staff')).toEqual({ id: '9', status: 'accepted' });
    expect(await api.rejectAccount('10', 'duplicate')).toEqual({ id: '10', status: 'rejected' });
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['GET', '/accounts?status=pending', ''],
      ['POST', '/accounts/9/accept', '{"role":"staff"}'],
      ['POST', '/accounts/10/reject', '{"note":"duplicate"}'],
    ]);
  });

  it('queues an export and reads the generated-documents table', async () => {
    const api = createApiClient(baseUrl, { token: () => 'a.b.c' });
    const queued = { id: '4', subject: 'animals', format: 'pdf', state: 'queued' };
    answers.push({ status: 202, body: { document: queued } });
    answers.push({ status: 200, body: { documents: [queued] } });
    answers.push({ status: 200, body: { document: { ...queued, state: 'ready', downloadUrl: 'http://bucket/x.pdf' } } });
    expect(await api.exportDocument('animals', 'pdf', { species: 'dog' })).toEqual(queued);
    expect(await api.listDocuments()).toEqual([queued]);
    expect((await api.getDocument('4')).downloadUrl).toBe('http://bucket/x.pdf');
    expect(JSON.parse(seen[0]!.body)).toEqual({ subject: 'animals', format: 'pdf', filter: { species: 'dog' } });
    expect(seen.map((s) => s.url)).toEqual(['/exports', '/documents', '/documents/4']);
  });

  it('uploads a photo: presigned PUT straight to storage, then records the key', async () => {
    const api = createApiClient(baseUrl, { token: () => 'a.b.c' });
    answers.push({
      status: 201,
      body: {
        upload: { url: `${baseUrl}/bucket/animals/5/k.png?sig=1`, key: 'animals/5/k.png', headers: { 'content-type': 'image/png' } },
      },
    });
    answers.push({ status: 200 });
    answers.push({ status: 201, body: { photo: { id: '8' } } });
    expect(await api.uploadPhoto('5', new Blob(['png-bytes'], { type: 'image/png' }))).toEqual({ id: '8' });
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization, s.body])).toEqual([
      ['POST', '/animals/5/photos/upload-url', 'Bearer a.b.c', '{"contentType":"image/png"}'],
      ['PUT', '/bucket/animals/5/k.png?sig=1', undefined, 'png-bytes'],
      ['POST', '/animals/5/photos', 'Bearer a.b.c', '{"key":"animals/5/k.png"}'],
    ]);
    expect(seen[1]!.headers['content-type']).toBe('image/png');
  });

  it('adds animals, events, adopters and requests', async () => {
    const api = createApiClient(baseUrl, { token: () => 'a.b.c' });
    answers.push({ status: 201, body: { animal: { id: '5' } } });
    answers.push({ status: 201, body: { event: { id: '1' } } });
    answers.push({ status: 201, body: { adopter: { id: '2' } } });
    answers.push({ status: 200, body: { adopters: [] } });
    answers.push({ status: 201, body: { adoptionRequest: { id: '3' } } });
    await api.createAnimal({ name: 'Luna', species: 'cat', sex: 'female' });
    await api.recordEvent('5', { kind: 'vaccination', occurredOn: '2024-03-01' });
    await api.createAdopter({ name: 'Sam', email: 's@example.test' });
    await api.listAdopters('sa m');
    await api.fileAdoptionRequest('5', '2');
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/animals', '{"name":"Luna","species":"cat","sex":"female"}'],
      ['POST', '/animals/5/events', '{"kind":"vaccination","occurredOn":"2024-03-01"}'],
      ['POST', '/adopters', '{"name":"Sam","email":"s@example.test"}'],
      ['GET', '/adopters?q=sa%20m', ''],
      ['POST', '/adoption-requests', '{"animalId":"5","adopterId":"2"}'],
    ]);
  });

  it('administers accounts and roles', async () => {
    const api = createApiClient(baseUrl, { token: () => 'a.b.c' });
    answers.push({ status: 200, body: { accounts: [{ id: '2', role: 'staff' }] } });
    answers.push({ status: 200, body: { account: { id: '2', role: 'foster' }, notified: true } });
    answers.push({ status: 200, body: { roles: [{ name: 'admin' }], permissions: ['animals.read'] } });
    answers.push({ status: 200, body: { role: { name: 'foster', description: 'Homes', permissions: ['animals.read'] } } });
    answers.push({ status: 204 });
    expect(await api.listAccounts('accepted')).toEqual([{ id: '2', role: 'staff' }]);
    expect(await api.setAccountRole('2', 'foster')).toEqual({ id: '2', role: 'foster' });
    expect((await api.listRoles()).permissions).toEqual(['animals.read']);
    expect((await api.saveRole('foster', { description: 'Homes', permissions: ['animals.read'] })).name).toBe('foster');
    await api.deleteRole('foster');
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['GET', '/accounts?status=accepted', ''],
      ['PUT', '/accounts/2/role', '{"role":"foster"}'],
      ['GET', '/roles', ''],
      ['PUT', '/roles/foster', '{"description":"Homes","permissions":["animals.read"]}'],
      ['DELETE', '/roles/foster', ''],
    ]);
  });

  it('edits the profile, changes the password, and resets it without a token', async () => {
    let token: string | undefined = 'a.b.c';
    const api = createApiClient(baseUrl, { token: () => token });
    answers.push({ status: 200, body: { account, changed: ['name'], notified: true } });
    answers.push({ status: 204 });
    answers.push({ status: 202, body: { message: 'on its way' } });
    answers.push({ status: 204 });
    expect((await api.updateProfile({ name: 'A' })).changed).toEqual(['name']);
    await api.changePassword('old-password', 'new-password-123');
    token = undefined;
    await api.requestPasswordReset('a@example.test');
    await api.confirmPasswordReset('c'.repeat(43), 'new-password-456');
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization, s.body])).toEqual([
      ['PATCH', '/me', 'Bearer a.b.c', '{"name":"A"}'],
      ['PUT', '/me/password', 'Bearer a.b.c', '{"currentPassword":"old-password","newPassword":"new-password-123"}'],
      ['POST', '/password-resets', undefined, '{"email":"a@example.test"}'],
      ['POST', '/password-resets/confirm', undefined, `{"code":"${'c'.repeat(43)}","newPassword":"new-password-456"}`],
    ]);
  });

  it('filters, edits and black-lists, sending only the filters that are set', async () => {
    const api = createApiClient(baseUrl, { token: () => 'a.b.c' });
    for (let i = 0; i < 8; i++)
      answers.push({ status: 200, body: { animals: [], animal: {}, events: [], statistics: {}, adopters: [], adopter: {} } });
    await api.listAnimals({ status: 'available', species: '', q: 'calm & quiet' });
    await api.updateAnimal('5', { breed: null, description: 'Calm' });
    await api.listEvents('5');
    await api.animalStatistics();
    await api.listAdopters({ q: 'sam', blackListed: 'true' });
    await api.updateAdopter('2', { phone: '555' });
    await api.blackList('2', 'returned two dogs');
    await api.removeFromBlackList('2');
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['GET', '/animals?status=available&q=calm%20%26%20quiet', ''],
      ['PATCH', '/animals/5', '{"breed":null,"description":"Calm"}'],
      ['GET', '/animals/5/events', ''],
      ['GET', '/statistics/animals', ''],
      ['GET', '/adopters?q=sam&blackListed=true', ''],
      ['PATCH', '/adopters/2', '{"phone":"555"}'],
      ['PUT', '/adopters/2/black-list', '{"reason":"returned two dogs"}'],
      ['DELETE', '/adopters/2/black-list', ''],
    ]);
  });

  it('reports an unreachable API as status 0', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const api = createApiClient(`http://127.0.0.1:${port}`);
    await expect(api.listAnimals()).rejects.toMatchObject({ status: 0, message: expect.stringContaining('cannot reach the API') });
  });
});
