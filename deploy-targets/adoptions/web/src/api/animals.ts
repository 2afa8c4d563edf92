import { ApiError, queryString, segment, type Transport } from './http.ts';
import type { Animal, AnimalDetail, AnimalEvent, AnimalEventKind, AnimalFilter, Sex, Statistics } from './types.ts';

type UploadTarget = { url: string; key: string; headers: Record<string, string> };
export type AnimalInput = {
  name: string;
  species: string;
  sex: Sex;
  breed?: string | null;
  birthDate?: string | null;
  description?: string;
};

/** Animals, their photos (presigned uploads) and events, and the statistics. */
export const animalCalls = ({ call, fetch }: Transport) => ({
  listAnimals: (filter: AnimalFilter = {}) => call<{ animals: Animal[] }>('GET', `/animals${queryString(filter)}`).then((r) => r.animals),
  getAnimal: (id: string) => call<{ animal: AnimalDetail }>('GET', `/animals/${segment(id)}`).then((r) => r.animal),
  createAnimal: (input: AnimalInput) => call<{ animal: Animal }>('POST', '/animals', input).then((r) => r.animal),
  updateAnimal: (id: string, patch: Partial<AnimalInput & { status: Animal['status'] }>) =>
    call<{ animal: Animal }>('PATCH', `/animals/${segment(id)}`, patch).then((r) => r.animal),
  /** Asks for a presigned PUT, sends the file straight to the bucket, then records it (the API makes the sizes). */
  uploadPhoto: async (animalId: string, file: Blob) => {
    const path = `/animals/${segment(animalId)}/photos`;
    const { upload } = await call<{ upload: UploadTarget }>('POST', `${path}/upload-url`, { contentType: file.type });
    let put: Response;
    try {
      put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: file });
    } catch (error) {
      throw new ApiError(0, `cannot reach the photo storage: ${(error as Error).message}`);
    }
    if (!put.ok) throw new ApiError(put.status, `the photo storage answered ${put.status}`);
    return call<{ photo: { id: string } }>('POST', path, { key: upload.key }).then((r) => r.photo);
  },
  deletePhoto: (animalId: string, photoId: string) => call<undefined>('DELETE', `/animals/${segment(animalId)}/photos/${segment(photoId)}`),
  listEvents: (animalId: string) => call<{ events: AnimalEvent[] }>('GET', `/animals/${segment(animalId)}/events`).then((r) => r.events),
  recordEvent: (animalId: string, input: { kind: AnimalEventKind; occurredOn: string; description?: string }) =>
    call<{ event: AnimalEvent }>('POST', `/animals/${segment(animalId)}/events`, input).then((r) => r.event),
  animalStatistics: () => call<{ statistics: Statistics }>('GET', '/statistics/animals').then((r) => r.statistics),
});
