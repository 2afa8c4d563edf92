import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

/** Reads one of Runway's pages as plain text, as the operator (pages are locked). */
export async function readPageText(runwayUrl: string, path: string): Promise<string> {
  return (await fetchRunwayPage(runwayUrl, path, { headers: { accept: 'text/plain' } })).text();
}
