import { createDatabase } from './database.ts';
import { DEFAULT_DEMO_PASSWORD, DEMO_USERNAME, seedDemo } from './demo/seed-demo.ts';
import { settingsSchema } from './settings.ts';

const settings = settingsSchema
  .pick({ DATABASE_URL: true, DATABASE_SSL: true, METRICS_TIME_ZONE: true })
  .safeParse(process.env);
if (!settings.success) {
  console.error(`seed: ${settings.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  process.exit(1);
}
const password = process.env.SEED_PASSWORD || undefined;
const db = createDatabase(settings.data);
try {
  const result = await seedDemo(db, { password, timeZone: settings.data.METRICS_TIME_ZONE });
  if (result.userCreated && password === undefined) {
    // Printed only on the run that creates the user; set SEED_PASSWORD to choose your own.
    console.log(`seed: created user "${DEMO_USERNAME}" with the default password "${DEFAULT_DEMO_PASSWORD}"`);
  } else if (result.userCreated) {
    console.log(`seed: created user "${DEMO_USERNAME}" with the password from SEED_PASSWORD`);
  } else if (result.passwordUpdated) {
    console.log(`seed: set the password of "${DEMO_USERNAME}" from SEED_PASSWORD`);
  } else {
    console.log(`seed: user "${DEMO_USERNAME}" already exists`);
  }
  console.log(`seed: ${result.ordersCreated} demo order(s) created`);
} catch (error) {
  console.error(`seed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.end();
}
