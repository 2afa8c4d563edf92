import { randomBytes } from 'node:crypto';
import { hashPassword } from './auth/password.ts';
import { builtInRoles } from './auth/permissions.ts';
import { inTransaction, type Db } from './db/pool.ts';

export type SeedOptions = { adminEmail: string; adminPassword: string | undefined };
export type SeedResult = { rolesCreated: string[]; adminCreated: boolean; generatedPassword?: string; animalsCreated: number };

const sampleAnimals = [
  { name: 'Biscuit', species: 'dog', breed: 'Beagle mix', sex: 'male', description: 'Loves long walks and snacks.' },
  { name: 'Miso', species: 'cat', breed: 'Domestic shorthair', sex: 'female', description: 'Quiet, curious, good with kids.' },
  { name: 'Pepper', species: 'rabbit', breed: null, sex: 'female', description: 'Litter trained; likes greens.' },
];

/**
 * Creates what is missing and leaves the rest alone, so it can run after every release: built-in
 * roles (with their default permissions only when first created, so an admin's edits survive), the
 * first administrator, and sample animals.
 */
export async function seed(db: Db, options: SeedOptions): Promise<SeedResult> {
  const generatedPassword = options.adminPassword ? undefined : randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(options.adminPassword ?? generatedPassword!);
  return inTransaction(db, async (client) => {
    const rolesCreated: string[] = [];
    for (const [name, role] of Object.entries(builtInRoles)) {
      const inserted = await client.query(
        'INSERT INTO roles (name, description) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
        [name, role.description],
      );
      if (!inserted.rowCount) continue;
      rolesCreated.push(name);
      await client.query('INSERT INTO role_permissions (role, permission) SELECT $1, unnest($2::text[])', [
        name,
        [...role.permissions],
      ]);
    }
    const admin = await client.query(
      `INSERT INTO accounts (email, name, password_hash, status, role, decided_at)
       VALUES ($1, 'Administrator', $2, 'accepted', 'admin', now())
       ON CONFLICT (lower(email)) DO NOTHING`,
      [options.adminEmail.toLowerCase(), passwordHash],
    );
    let animalsCreated = 0;
    for (const a of sampleAnimals) {
      const inserted = await client.query(
        `INSERT INTO animals (name, species, breed, sex, description)
         SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM animals WHERE name = $1 AND species = $2)`,
        [a.name, a.species, a.breed, a.sex, a.description],
      );
      animalsCreated += inserted.rowCount ?? 0;
    }
    const adminCreated = admin.rowCount === 1;
    return {
      rolesCreated,
      adminCreated,
      animalsCreated,
      ...(adminCreated && generatedPassword ? { generatedPassword } : {}),
    };
  });
}
