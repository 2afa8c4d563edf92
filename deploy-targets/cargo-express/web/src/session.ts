const KEY = 'cargo-express.token';

/** The bearer token lives for the tab only (sessionStorage): closing the tab logs out. */
export const session = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (token: string): void => sessionStorage.setItem(KEY, token),
  clear: (): void => sessionStorage.removeItem(KEY),
};
