/** Typed calls to the adoptions API. Takes `fetch` so that it runs in the browser and in Node tests alike. */

export type AdoptionState = 'submitted' | 'under_review' | 'approved' | 'rejected' | 'withdrawn' | 'completed';

export type Account = { id: string; email: string; name: string; role: string; permissions: string[] };
export type Session = { token: string; expiresAt: string; account: Account };
export type Animal = {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  sex: string;
  status: 'available' | 'reserved' | 'adopted';
  photoCount: number;
};
export type AdoptionRequest = {
  id: string;
  state: AdoptionState;
  animalId: string;
  animalName: string;
  adopterId: string;
  adopterName: string;
  nextStates: AdoptionState[];
  updatedAt: string;
};
export type PendingAccount = { id: string; email: string; name: string; status: 'pending' | 'accepted' | 'rejected'; createdAt: string };
export type ExportSubject = 'animals' | 'adopters' | 'adoption-requests';
export type GeneratedDocument = {
  id: string;
  subject: ExportSubject;
  format: 'pdf' | 'xlsx';
  state: 'queued' | 'running' | 'ready' | 'failed';
  rowCount: number | null;
  error: string | null;
  createdAt: string;
  downloadUrl?: string | null;
};
export type Adopter = { id: string; name: string; email: string; phone: string | null; blackListed: boolean };
export type AnimalEventKind = 'arrival' | 'vaccination' | 'deworming' | 'vet_visit' | 'sterilization' | 'treatment' | 'foster' | 'return' | 'other';
type UploadTarget = { url: string; key: string; headers: Record<string, string> };
export type FieldError = { path: string; message: string };

/** A refused call: `status` and the API's one-line `message`, with field errors for 400s. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(baseUrl: string, options: { fetch?: typeof fetch; token?: () => string | undefined } = {}) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const root = baseUrl.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${root}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiError(0, `cannot reach the API at ${root}: ${(error as Error).message}`);
    }
    const text = await res.text();
    const data: unknown = text ? parseJson(text) : undefined;
    if (!res.ok) {
      const err = (data ?? {}) as { message?: string; details?: unknown };
      const fields = Array.isArray(err.details) ? (err.details as FieldError[]) : [];
      throw new ApiError(res.status, err.message ?? `${method} ${path} answered ${res.status}`, fields);
    }
    return data as T;
  }

  return {
    signIn: (email: string, password: string) => call<Session>('POST', '/sessions', { email, password }),
    signUp: (input: { email: string; name: string; password: string }) =>
      call<{ account: PendingAccount }>('POST', '/accounts', input).then((r) => r.account),
    signOut: () => call<undefined>('DELETE', '/sessions/current'),
    listPendingAccounts: () => call<{ accounts: PendingAccount[] }>('GET', '/accounts?status=pending').then((r) => r.accounts),
    acceptAccount: (id: string, role: string) =>
      call<{ account: PendingAccount }>('POST', `/accounts/${encodeURIComponent(id)}/accept`, { role }).then((r) => r.account),
    rejectAccount: (id: string, note: string) =>
      call<{ account: PendingAccount }>('POST', `/accounts/${encodeURIComponent(id)}/reject`, { note }).then((r) => r.account),
    exportDocument: (subject: ExportSubject, format: 'pdf' | 'xlsx', filter: Record<string, string> = {}) =>
      call<{ document: GeneratedDocument }>('POST', '/exports', { subject, format, filter }).then((r) => r.document),
    listDocuments: () => call<{ documents: GeneratedDocument[] }>('GET', '/documents').then((r) => r.documents),
    getDocument: (id: string) => call<{ document: GeneratedDocument }>('GET', `/documents/${encodeURIComponent(id)}`).then((r) => r.document),
    me: () => call<{ account: Account }>('GET', '/me').then((r) => r.account),
    listAnimals: () => call<{ animals: Animal[] }>('GET', '/animals').then((r) => r.animals),
    createAnimal: (input: { name: string; species: string; sex: string }) =>
      call<{ animal: Animal }>('POST', '/animals', input).then((r) => r.animal),
    /** Asks for a presigned PUT, sends the file straight to the bucket, then records it (the API makes the sizes). */
    uploadPhoto: async (animalId: string, file: Blob) => {
      const path = `/animals/${encodeURIComponent(animalId)}/photos`;
      const { upload } = await call<{ upload: UploadTarget }>('POST', `${path}/upload-url`, { contentType: file.type });
      let put: Response;
      try {
        put = await doFetch(upload.url, { method: 'PUT', headers: upload.headers, body: file });
      } catch (error) {
        throw new ApiError(0, `cannot reach the photo storage: ${(error as Error).message}`);
      }
      if (!put.ok) throw new ApiError(put.status, `the photo storage answered ${put.status}`);
      return call<{ photo: { id: string } }>('POST', path, { key: upload.key }).then((r) => r.photo);
    },
    recordEvent: (animalId: string, input: { kind: AnimalEventKind; occurredOn: string; description?: string }) =>
      call<{ event: { id: string } }>('POST', `/animals/${encodeURIComponent(animalId)}/events`, input).then((r) => r.event),
    listAdopters: (q?: string) =>
      call<{ adopters: Adopter[] }>('GET', q ? `/adopters?q=${encodeURIComponent(q)}` : '/adopters').then((r) => r.adopters),
    createAdopter: (input: { name: string; email: string; phone?: string }) =>
      call<{ adopter: Adopter }>('POST', '/adopters', input).then((r) => r.adopter),
    fileAdoptionRequest: (animalId: string, adopterId: string) =>
      call<{ adoptionRequest: AdoptionRequest }>('POST', '/adoption-requests', { animalId, adopterId }).then((r) => r.adoptionRequest),
    listAdoptionRequests: (state?: AdoptionState) =>
      call<{ adoptionRequests: AdoptionRequest[] }>(
        'GET',
        state ? `/adoption-requests?state=${encodeURIComponent(state)}` : '/adoption-requests',
      ).then((r) => r.adoptionRequests),
    moveAdoptionRequest: (id: string, to: AdoptionState, note = '') =>
      call<{ adoptionRequest: AdoptionRequest }>('POST', `/adoption-requests/${encodeURIComponent(id)}/transitions`, {
        to,
        note,
      }).then((r) => r.adoptionRequest),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(0, `the API answered something that is not JSON (${(error as Error).message})`);
  }
}

/** Which permission the API requires to move a request into each state; used to show only usable buttons. */
export const permissionToEnter: Record<AdoptionState, string> = {
  submitted: 'adoptions.create',
  under_review: 'adoptions.review',
  withdrawn: 'adoptions.review',
  approved: 'adoptions.decide',
  rejected: 'adoptions.decide',
  completed: 'adoptions.complete',
};
