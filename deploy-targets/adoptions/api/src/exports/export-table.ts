import type { Db } from '../db/pool.ts';
import { findAnimals } from '../animals/find-animals.ts';
import { findAdopters } from '../adopters/find-adopters.ts';
import { findRequests } from '../adoptions/find-requests.ts';
import type { ExportRequest } from '../schemas/exports.ts';

export type Cell = string | number;
export type ExportTable = { title: string; filterText: string; headers: string[]; rows: Cell[][] };

/* eslint-disable @typescript-eslint/no-explicit-any -- rows come from SQL with the columns named in find-*.ts */
const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value == null ? '' : String(value));
const text = (value: unknown): string => (value == null ? '' : String(value));

/** The rows of an export, loaded with the same filters as the list endpoints. */
export async function loadExportTable(db: Db, request: ExportRequest): Promise<ExportTable> {
  const filterText = Object.entries(request.filter)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
  switch (request.subject) {
    case 'animals': {
      const rows = await findAnimals(db, request.filter);
      return {
        title: 'Animals',
        filterText,
        headers: ['Id', 'Name', 'Species', 'Breed', 'Sex', 'Born', 'Status', 'Photos'],
        rows: rows.map((a: any) => [Number(a.id), a.name, a.species, text(a.breed), a.sex, text(a.birthDate), a.status, a.photoCount]),
      };
    }
    case 'adopters': {
      const rows = await findAdopters(db, request.filter);
      return {
        title: 'Adopters',
        filterText,
        headers: ['Id', 'Name', 'E-mail', 'Phone', 'Address', 'Black listed', 'Reason'],
        rows: rows.map((a: any) => [Number(a.id), a.name, a.email, text(a.phone), text(a.address), a.blackListed ? 'yes' : 'no', a.blackListReason]),
      };
    }
    case 'adoption-requests': {
      const rows = await findRequests(db, request.filter);
      return {
        title: 'Adoption requests',
        filterText,
        headers: ['Id', 'Animal', 'Adopter', 'State', 'Filed', 'Updated'],
        rows: rows.map((r: any) => [Number(r.id), r.animalName, r.adopterName, r.state, day(r.createdAt), day(r.updatedAt)]),
      };
    }
  }
}
