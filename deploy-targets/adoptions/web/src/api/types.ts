/** The shapes the web app reads from the API (the API's OpenAPI document has them all). */

export type AdoptionState = 'submitted' | 'under_review' | 'approved' | 'rejected' | 'withdrawn' | 'completed';
export type AnimalStatus = 'available' | 'reserved' | 'adopted';
export type Sex = 'female' | 'male' | 'unknown';

export type Account = { id: string; email: string; name: string; role: string; permissions: string[] };
export type Session = { token: string; expiresAt: string; account: Account };
export type AccountRow = {
  id: string;
  email: string;
  name: string;
  status: 'pending' | 'accepted' | 'rejected';
  role: string | null;
  createdAt: string;
};
/** Kept for the views written before the accounts table: a sign-up waiting for a decision. */
export type PendingAccount = AccountRow;
export type Role = { name: string; description: string; permissions: string[]; accounts: number };

export type Animal = {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  sex: Sex;
  birthDate: string | null;
  description: string;
  status: AnimalStatus;
  photoCount: number;
};
export type PhotoSizeName = 'thumb' | 'card' | 'full';
export type Photo = {
  id: string;
  url: string;
  width: number | null;
  height: number | null;
  sizes: Partial<Record<PhotoSizeName, { url: string; width: number; height: number }>>;
};
export type AnimalDetail = Omit<Animal, 'photoCount'> & { photos: Photo[] };
export type AnimalEventKind =
  'arrival' | 'vaccination' | 'deworming' | 'vet_visit' | 'sterilization' | 'treatment' | 'foster' | 'return' | 'other';
export type AnimalEvent = { id: string; kind: AnimalEventKind; occurredOn: string; description: string; createdByName: string | null };
export type AnimalFilter = { status?: AnimalStatus | ''; species?: string; sex?: Sex | ''; q?: string };

export type Adopter = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  address: string | null;
  notes: string;
  blackListed: boolean;
  blackListReason: string;
};
export type AdopterFilter = { q?: string; blackListed?: 'true' | 'false' | '' };

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

export type ExportSubject = 'animals' | 'adopters' | 'adoption-requests';
export type GeneratedDocument = {
  id: string;
  subject: ExportSubject;
  format: 'pdf' | 'xlsx';
  filter: Record<string, string>;
  state: 'queued' | 'running' | 'ready' | 'failed';
  rowCount: number | null;
  error: string | null;
  createdAt: string;
  downloadUrl?: string | null;
};

export type Count = { key: string; count: number };
export type Statistics = {
  total: number;
  byStatus: Count[];
  bySpecies: Count[];
  bySex: Count[];
  requestsByState: Count[];
  adoptionsByMonth: Count[];
  events: Count[];
};
