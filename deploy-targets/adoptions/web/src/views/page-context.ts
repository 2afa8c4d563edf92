import type { Account, ApiClient } from '../api-client.ts';
import type { Route } from '../router.ts';

/** What every signed-in page gets: the API, who is signed in, and how to redraw or move on. */
export type PageContext = {
  api: ApiClient;
  account: Account;
  can: (permission: string) => boolean;
  /** Draws the current page again with fresh data, then shows `notice` above it. */
  refresh: (notice?: string) => void;
  /** Goes to another page (or the same page with other filters), then shows `notice` above it. */
  go: (route: Route, notice?: string) => void;
};
