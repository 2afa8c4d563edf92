export const animalColumns = `id::text, name, species, breed, sex, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate",
  description, status, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** camelCase API field → column, for the fields a PATCH may set. */
export const animalFieldColumns: Record<string, string> = {
  name: 'name',
  species: 'species',
  breed: 'breed',
  sex: 'sex',
  birthDate: 'birth_date',
  description: 'description',
  status: 'status',
};
