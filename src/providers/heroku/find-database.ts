import { ConfigError } from '../../deployments/errors.ts';
import type { HerokuApi } from './api-client.ts';
import { addonListSchema } from './api-schemas.ts';
import { seg } from './session.ts';

export interface AppDatabase {
  /** Add-on id: what the data API's `/client/v11/databases/{id}` takes. */
  id: string;
  name: string;
}

/**
 * The app's primary Heroku Postgres database, resolved as `heroku pg:backups:capture` does by
 * default: the heroku-postgresql add-on attached as DATABASE_URL (or the only one there is).
 */
export async function findDatabase(api: HerokuApi, app: string): Promise<AppDatabase> {
  const addons = await api.get(`/apps/${seg(app)}/addons`, addonListSchema);
  const postgres = addons.filter((a) => a.addon_service.name === 'heroku-postgresql');
  const primary = postgres.find((a) => a.config_vars.includes('DATABASE_URL')) ?? (postgres.length === 1 ? postgres[0] : undefined);
  if (!primary) {
    const why =
      postgres.length === 0 ? 'has no Heroku Postgres database' : 'has several Heroku Postgres databases and none is DATABASE_URL';
    throw new ConfigError(`backup: true, but Heroku app ${app} ${why}`);
  }
  return { id: primary.id, name: primary.name };
}
