import { PGlite } from '@electric-sql/pglite';

/** Child process of embedded-initdb.ts: creates the PGlite data directory given as argument, then exits. */
const dir = process.argv[2];
if (!dir) throw new Error('usage: embedded-initdb-process <data directory>');
const pg = await PGlite.create(dir);
await pg.close();
process.exit(0);
