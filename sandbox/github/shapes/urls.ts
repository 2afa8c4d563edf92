/** Where the fake lives: `api` is the REST root (`.../api/v3`), `web` the html root. */
export type Urls = { api: string; web: string };

export const urlsFor = (origin: string): Urls => ({ api: `${origin}/api/v3`, web: origin });
