import type { Session } from './api-client.ts';

const key = 'adoptions.session';

/** The session lives in sessionStorage: gone when the tab closes, and never in a cookie the API would trust. */
export const sessionStore = {
  load(): Session | undefined {
    const raw = sessionStorage.getItem(key);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as Session;
    return Date.parse(session.expiresAt) > Date.now() ? session : undefined;
  },
  save(session: Session): void {
    sessionStorage.setItem(key, JSON.stringify(session));
  },
  clear(): void {
    sessionStorage.removeItem(key);
  },
};
